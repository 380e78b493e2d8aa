package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL split into statements and tokens, lexer-light: it knows comments ({@code --}, nested
 * {@code /* *}{@code /}), string literals ({@code '...'}, {@code E'...'}), quoted identifiers and
 * dollar quoting, so a semicolon or a keyword inside any of them never counts. It parses no grammar:
 * the rules match token sequences.
 */
final class SqlSource {
    /**
     * One statement.
     *
     * @param line the line its first token is on
     * @param tokens words (schema-qualified names kept whole), quoted identifiers, punctuation; every
     *     string literal and dollar-quoted body is the single token {@code '?'}
     * @param display the statement as written, comments dropped and white space collapsed
     */
    record Statement(int line, List<String> tokens, String display) {
        /** The tokens joined by single spaces, the shape the rules' patterns are written against. */
        String text() {
            return String.join(" ", tokens);
        }
    }

    private final String sql;
    private final List<Statement> statements = new ArrayList<>();
    private final List<SourceComment> comments = new ArrayList<>();
    private int pos;
    private int line;
    private List<String> tokens = new ArrayList<>();
    private StringBuilder display = new StringBuilder();
    private int statementLine;

    private SqlSource(final String sql, final int firstLine) {
        this.sql = sql;
        this.line = firstLine;
    }

    /** Splits {@code sql}, whose first character is on line {@code firstLine} of its file. */
    static SqlSource parse(final String sql, final int firstLine) {
        var source = new SqlSource(sql, firstLine);
        source.scan();
        return source;
    }

    List<Statement> statements() {
        return List.copyOf(statements);
    }

    List<SourceComment> comments() {
        return List.copyOf(comments);
    }

    private void scan() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
                space();
            }
            else if (Character.isWhitespace(c)) {
                pos++;
                space();
            }
            else if (sql.startsWith("--", pos)) {
                lineComment();
            }
            else if (sql.startsWith("/*", pos)) {
                blockComment();
            }
            else if (c == ';') {
                pos++;
                finishStatement();
            }
            else if (c == '\'' || (c == 'E' || c == 'e') && peek(1) == '\'') {
                stringLiteral(c != '\'');
            }
            else if (c == '$' && dollarTag() != null) {
                dollarQuoted(dollarTag());
            }
            else if (c == '"' || isWordChar(c) || c == '$' && peek(1) == '{') {
                name();
            }
            else {
                token(String.valueOf(c), pos, pos + 1);
                pos++;
            }
        }
        finishStatement();
    }

    private void lineComment() {
        var end = sql.indexOf('\n', pos);
        end = end < 0 ? sql.length() : end;
        comments.add(new SourceComment(line, sql.substring(pos + 2, end)));
        pos = end;
        space();
    }

    private void blockComment() {
        var start = pos;
        var startLine = line;
        var depth = 0;
        do {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            }
            else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            }
            else {
                if (sql.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
        } while (depth > 0 && pos < sql.length());
        var body = sql.substring(start + 2, Math.max(start + 2, pos - 2));
        for (String text : body.split("\n", -1)) {
            comments.add(new SourceComment(startLine++, text.replaceFirst("^\\s*\\*(?!/)", "")));
        }
        space();
    }

    private void stringLiteral(final boolean backslashEscapes) {
        var start = pos;
        pos += backslashEscapes ? 2 : 1;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (backslashEscapes && c == '\\') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == '\'') {
                if (peek(0) == '\'') {
                    pos++;
                }
                else {
                    break;
                }
            }
        }
        token("'?'", start, pos);
    }

    private void dollarQuoted(final String tag) {
        var start = pos;
        var end = sql.indexOf(tag, pos + tag.length());
        end = end < 0 ? sql.length() : end + tag.length();
        line += (int) sql.substring(pos, end).chars().filter(ch -> ch == '\n').count();
        pos = end;
        token("'?'", start, end);
    }

    /** A {@code $tag$} opening a dollar-quoted string here, or null ({@code $1} is a parameter). */
    private String dollarTag() {
        var end = pos + 1;
        while (end < sql.length() && (Character.isLetter(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return end < sql.length() && sql.charAt(end) == '$' ? sql.substring(pos, end + 1) : null;
    }

    /** A word or quoted identifier, with any {@code .}-joined parts, as one token. */
    private void name() {
        var start = pos;
        do {
            if (peek(0) == '.') {
                pos++;
            }
            if (peek(0) == '"') {
                var close = sql.indexOf('"', pos + 1);
                pos = close < 0 ? sql.length() : close + 1;
            }
            else {
                while (pos < sql.length() && (placeholder() || isWordChar(sql.charAt(pos)))) {
                    pos++;
                }
            }
        } while (peek(0) == '.' && (peek(1) == '"' || isWordChar(peek(1))));
        token(sql.substring(start, pos), start, pos);
    }

    /** Steps over a Flyway placeholder such as {@code ${schema}}, which stands for part of a name. */
    private boolean placeholder() {
        if (peek(0) == '$' && peek(1) == '{') {
            var close = sql.indexOf('}', pos);
            pos = close < 0 ? sql.length() - 1 : close;
            return true;
        }
        return false;
    }

    private void token(final String token, final int from, final int to) {
        if (tokens.isEmpty()) {
            statementLine = line;
        }
        tokens.add(token);
        display.append(sql, from, to);
    }

    private void space() {
        if (!tokens.isEmpty() && display.charAt(display.length() - 1) != ' ') {
            display.append(' ');
        }
    }

    private void finishStatement() {
        if (!tokens.isEmpty()) {
            statements.add(new Statement(statementLine, List.copyOf(tokens), display.toString().strip()));
        }
        tokens = new ArrayList<>();
        display = new StringBuilder();
    }

    private char peek(final int ahead) {
        return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
    }

    private static boolean isWordChar(final char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
