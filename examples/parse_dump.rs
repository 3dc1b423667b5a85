fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let (ast, diags) = clausec::parse::parse_file(clausec::source::FileId(0), &text);
        println!(
            "{path}: {} items, {} diagnostics",
            ast.items.len(),
            diags.len()
        );
        for d in diags {
            println!("  {:?} {} {:?}", d.code, d.message, d.span());
        }
    }
}
