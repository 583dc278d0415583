;; Keywords: the vocabulary of the checker (tests/suite/lsp_editors.rs compares this list
;; with model::vocab::all_keywords). A word the checker does not know is not highlighted.
(declaration
  keyword: (name) @keyword
  (#any-of? @keyword "system" "requirements" "deployment" "scaling" "monitoring" "operations" "security" "design" "alternatives" "diagrams" "output" "review" "group" "entity" "model" "pipeline" "api" "stage" "volume" "params" "region" "zone" "cluster" "node_pool" "run" "functional" "non_functional" "constraints" "traffic" "bottleneck" "optimization" "metric" "alert" "drift" "experiment" "rollout" "disaster_recovery" "tradeoff" "technology" "future" "architecture" "ml_pipeline" "data_flow" "view" "get" "post" "put" "patch" "delete" "rpc" "user" "client" "gateway" "load_balancer" "service" "worker" "model_server" "model_registry" "feature_store" "database" "warehouse" "cache" "queue" "stream" "storage" "vector_db" "search_index" "scheduler" "monitor" "external"))

(declaration name: (name) @type)
(declaration label: (string) @string.special)

(attribute key: (name) @property)

(edge (path (name) @variable))
"->" @operator

(type_expr (path (name) @type.builtin)
  (#any-of? @type.builtin "string" "int" "float" "bool" "timestamp" "date" "uuid" "bytes" "json" "list" "map" "vector" "enum"))
(type_expr (path (name) @constant.builtin)
  (#any-of? @constant.builtin "true" "false"))

(annotation "@" @attribute (name) @attribute)
(quantity) @number
(string) @string
(comment) @comment

["{" "}" "[" "]" "<" ">"] @punctuation.bracket
[":" "," ";" "."] @punctuation.delimiter
