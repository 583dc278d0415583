// tree-sitter grammar for mlsd, mirroring grammar/mlsd.pest (the reference): statements,
// blocks and values, no keywords (keywords are highlighted by the queries, from the same
// vocabulary the checker uses). The recovery-only rules of the pest grammar (`=` for `:`,
// stray commas, unquoted edge labels, names with `-`) are not mirrored: they are errors in
// both, pest reports them with a friendlier message. What the grammar does check as pest's
// lowering does: a `;` or a line end between statements unless the first ends with a block,
// and the escapes of one-line strings. tests/suite/tree_sitter_grammar.rs compares the two.
// After editing, run `tree-sitter generate` here (the generated src/ is committed).
const NAME = /[A-Za-z_][A-Za-z0-9_]*/;
const HEX = '[0-9A-Fa-f]';
const SCALAR = [
  `0{0,3}${HEX}{1,3}`,
  `0{0,2}([1-9A-Ca-cE-Fe-f]${HEX}{3}|[Dd][0-7]${HEX}{2})`,
  `0?[1-9A-Fa-f]${HEX}{4}`,
  `10${HEX}{4}`,
].join('|');
const ESCAPE = new RegExp(`\\\\(["\\\\nt]|u\\{(${SCALAR})\\})`);

module.exports = grammar({
  name: 'mlsd',

  extras: $ => [/[ \t]/, $.comment],

  word: $ => $.name,

  rules: {
    // A statement that does not end with a block needs `;`, a line end, `}` or the end of the
    // file after it, as in pest (the lowering's E011): `service b service c` is an error.
    source_file: $ => seq(optional('\uFEFF'), repeat($._item), optional($._open_statement)),

    _item: $ => choice(
      $._separator,
      seq($._open_statement, $._separator),
      $._closed_statement,
    ),

    _separator: $ => choice($._newline, ';'),

    _newline: _ => /\r?\n/,

    // Statements that end without a block.
    _open_statement: $ => choice(
      alias($._edge_head, $.edge),
      $.attribute,
      alias($._declaration_head, $.declaration),
      $.item,
    ),

    // Statements that end with a block: the next statement may follow on the same line.
    _closed_statement: $ => choice(
      alias($._closed_edge, $.edge),
      alias($._closed_declaration, $.declaration),
    ),

    _edge_head: $ => seq(
      $.path,
      repeat1(seq('->', $.path)),
      optional(seq(':', field('label', $.string))),
    ),

    _closed_edge: $ => seq($._edge_head, $.block),

    attribute: $ => prec.right(seq(
      field('key', $.name),
      ':',
      field('value', $._value),
      repeat($.annotation),
    )),

    _declaration_head: $ => prec.right(seq(
      field('keyword', $.name),
      optional(field('name', $.name)),
      optional(field('label', $.string)),
    )),

    _closed_declaration: $ => seq($._declaration_head, $.block),

    item: $ => $.string,

    block: $ => seq('{', repeat($._item), optional($._open_statement), '}'),

    _value: $ => choice($.string, $.quantity, $.list, $.type_expr),

    list: $ => seq(
      '[',
      repeat($._newline),
      optional(seq(
        $._value,
        repeat($._newline),
        repeat(seq(',', repeat($._newline), $._value, repeat($._newline))),
        optional(seq(',', repeat($._newline))),
      )),
      ']',
    ),

    type_expr: $ => prec.right(seq($.path, optional($.type_args), optional('?'))),

    type_args: $ => seq(
      '<',
      $._type_arg,
      repeat(seq(',', $._type_arg)),
      optional(','),
      '>',
    ),

    _type_arg: $ => choice($.quantity, $.type_expr),

    path: $ => prec.right(seq(
      $.name,
      repeat(seq(token.immediate('.'), alias(token.immediate(NAME), $.name))),
    )),

    name: _ => NAME,

    annotation: $ => prec.right(seq(
      '@',
      alias(token.immediate(NAME), $.name),
      optional(seq(token.immediate('('), $._value, ')')),
    )),

    quantity: _ => token(seq(
      optional('$'),
      optional('-'),
      /[0-9]+/,
      optional(/\.[0-9]+/),
      optional(/[A-Za-z%]+/),
      optional(seq('/', /[A-Za-z]+/)),
    )),

    // One-line strings take the escapes the lowering decodes: \" \\ \n \t and \u{...} of a
    // Unicode scalar value (at most six hex digits, below 110000, no surrogate).
    string: _ => choice(
      token(seq('"""', repeat(choice(/[^"]/, /"[^"]/, /""[^"]/)), '"""')),
      token(seq('"', repeat(choice(/[^"\\\r\n]/, ESCAPE)), '"')),
    ),

    comment: _ => token(seq('#', /[^\r\n]*/)),
  },
});
