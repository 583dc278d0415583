(block) @fold
(list) @fold
(string) @fold
