; Helix's indent captures (Neovim's are in ../indents.scm).
(block) @indent
(list) @indent
"}" @outdent
"]" @outdent
