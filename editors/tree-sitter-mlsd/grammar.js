// tree-sitter grammar for mlsd, mirroring grammar/mlsd.pest (the reference): statements,
// blocks and values, no keywords (keywords are highlighted by the queries, from the same
// vocabulary the checker uses). The recovery-only rules of the pest grammar (`=` for `:`,
// stray commas, unquoted edge labels, names with `-`) are not mirrored: they are errors in
// both, pest reports them with a friendlier message.
const NAME = /[A-Za-z_][A-Za-z0-9_]*/;

module.exports = grammar({
  name: 'mlsd',

  extras: $ => [/[ \t]/, $.comment],

  word: $ => $.name,

  rules: {
    source_file: $ => seq(optional('\uFEFF'), repeat($._item)),

    _item: $ => choice($._newline, ';', $._statement),

    _newline: _ => /\r?\n/,

    _statement: $ => choice($.edge, $.attribute, $.declaration, $.item),

    edge: $ => prec.right(seq(
      $.path,
      repeat1(seq('->', $.path)),
      optional(seq(':', field('label', $.string))),
      optional($.block),
    )),

    attribute: $ => prec.right(seq(
      field('key', $.name),
      ':',
      field('value', $._value),
      repeat($.annotation),
    )),

    declaration: $ => prec.right(seq(
      field('keyword', $.name),
      optional(field('name', $.name)),
      optional(field('label', $.string)),
      optional($.block),
    )),

    item: $ => $.string,

    block: $ => seq('{', repeat($._item), '}'),

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

    string: _ => choice(
      token(seq('"""', repeat(choice(/[^"]/, /"[^"]/, /""[^"]/)), '"""')),
      token(seq('"', repeat(choice(/[^"\\\r\n]/, /\\[^\r\n]/)), '"')),
    ),

    comment: _ => token(seq('#', /[^\r\n]*/)),
  },
});
