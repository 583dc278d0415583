fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    let p = mlsd::syntax::parse(&src);
    println!("{} statements", p.spec.statements.len());
    print!("{}", mlsd::diagnostic::render(&p.diagnostics, &path, &src, false));
}
