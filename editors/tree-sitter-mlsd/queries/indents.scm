(block) @indent.begin
(list) @indent.begin
"}" @indent.end @indent.branch
"]" @indent.end @indent.branch
