package io.jenkins.plugins.bluegreen.engine.migrate.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Rails migration split into logical statements, lexer-light: no Ruby parser, but it knows
 * comments, {@code =begin} blocks, string literals (quoted, {@code %q()}-style and heredocs, with
 * interpolation noticed) and brackets, so a call split over several lines is one statement and a
 * {@code #} or a method name inside a string is never mistaken for code.
 *
 * <p>In a statement's {@link Statement#code() code} every string literal is replaced by a
 * placeholder {@code «n»}, n indexing {@link Statement#literals()}.
 */
final class RubySource {
    /** A string literal: its text, the line that text starts on, and whether it interpolates {@code #{...}}. */
    record Literal(String value, int line, boolean interpolated) {
    }

    /** One logical statement, from the line it starts on. */
    record Statement(int line, String code, List<Literal> literals) {
        static final Pattern PLACEHOLDER = Pattern.compile("«(\\d+)»");

        Literal literal(final String placeholder) {
            var m = PLACEHOLDER.matcher(placeholder.strip());
            return m.matches() ? literals.get(Integer.parseInt(m.group(1))) : null;
        }

        /** The statement for people: placeholders turned back into quoted strings. */
        String display() {
            return resolve(code);
        }

        /** A piece of this statement's code with its placeholders turned back into quoted strings. */
        String resolve(final String fragment) {
            return PLACEHOLDER.matcher(fragment).replaceAll(m -> Matcher.quoteReplacement(
                    "\"" + literals.get(Integer.parseInt(m.group(1))).value().strip() + "\""));
        }
    }

    private static final Pattern HEREDOC = Pattern.compile("<<([~-]?)(['\"`]?)([A-Za-z_]\\w*)\\2");
    private static final String CONTINUES = ",\\+*/=&.([{:";

    private record PendingHeredoc(String tag, boolean indented, boolean interpolates, int index) {
    }

    private final String src;
    private final List<Statement> statements = new ArrayList<>();
    private final List<SourceComment> comments = new ArrayList<>();
    private final List<PendingHeredoc> heredocs = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int depth;
    private StringBuilder code = new StringBuilder();
    private List<Literal> literals = new ArrayList<>();
    private int statementLine;
    private boolean started;

    private RubySource(final String src) {
        this.src = src;
    }

    static RubySource parse(final String ruby) {
        var source = new RubySource(ruby);
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
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (atLineStart() && src.startsWith("=begin", pos)) {
                blockComment();
            }
            else if (atLineStart() && src.startsWith("__END__", pos)) {
                break;
            }
            else if (c == '\n') {
                newline();
            }
            else if (c == '#') {
                var end = lineEnd(pos);
                comments.add(new SourceComment(line, src.substring(pos + 1, end)));
                pos = end;
            }
            else if (c == '\\' && peek(1) == '\n') {
                pos += 2;
                line++;
                code.append(' ');
            }
            else if (c == '\'' || c == '"' || c == '`') {
                quoted(c, c, c != '\'');
            }
            else if (c == '%' && percentLiteral()) {
                continue;
            }
            else if (c == '<' && heredoc()) {
                continue;
            }
            else if (c == ';' && depth == 0) {
                pos++;
                finishStatement();
            }
            else {
                if ("([{".indexOf(c) >= 0) {
                    depth++;
                }
                else if (")]}".indexOf(c) >= 0) {
                    depth = Math.max(0, depth - 1);
                }
                // A stray placeholder mark in the code itself would pose as a literal.
                append(c == '«' ? "?" : String.valueOf(c));
                pos++;
            }
        }
        finishStatement();
    }

    private void newline() {
        pos++;
        line++;
        readHeredocBodies();
        if (depth == 0 && !continues()) {
            finishStatement();
        }
        else {
            code.append(' ');
        }
    }

    /** A statement goes on past a line end after a comma, an operator or a dot, or before a leading dot. */
    private boolean continues() {
        var text = code.toString().strip();
        if (text.isEmpty()) {
            return false;
        }
        var last = text.charAt(text.length() - 1);
        if (CONTINUES.indexOf(last) >= 0) {
            return true;
        }
        var next = src.substring(pos, lineEnd(pos)).strip();
        return next.startsWith(".") && !next.startsWith("..");
    }

    private void readHeredocBodies() {
        for (PendingHeredoc heredoc : heredocs) {
            var startLine = line;
            var body = new StringBuilder();
            while (pos < src.length()) {
                var end = lineEnd(pos);
                var text = src.substring(pos, end);
                pos = Math.min(src.length(), end + 1);
                line++;
                if ((heredoc.indented() ? text.strip() : text).equals(heredoc.tag())) {
                    break;
                }
                body.append(text).append('\n');
            }
            var text = body.toString();
            literals.set(heredoc.index(), new Literal(text, startLine, heredoc.interpolates() && text.contains("#{")));
        }
        heredocs.clear();
    }

    private boolean heredoc() {
        var m = HEREDOC.matcher(src).region(pos, src.length());
        if (!m.lookingAt() || m.group(1).isEmpty() && !Character.isUpperCase(m.group(3).charAt(0))) {
            return false;
        }
        var index = addLiteral(new Literal("", line, false));
        heredocs.add(new PendingHeredoc(m.group(3), !m.group(1).isEmpty(), !m.group(2).equals("'"), index));
        pos = m.end();
        return true;
    }

    private boolean percentLiteral() {
        var kind = peek(1);
        var typed = "qQwWiI".indexOf(kind) >= 0 && kind != '\0';
        var open = typed ? peek(2) : kind;
        if (open == '\0' || Character.isLetterOrDigit(open) || Character.isWhitespace(open)) {
            return false;
        }
        var before = code.toString().stripTrailing();
        if (!typed && (before.isEmpty() || before.matches("(?s).*[\\w)\\]]$"))) {
            return false;
        }
        pos += typed ? 2 : 1;
        quoted(open, closing(open), kind != 'q' && kind != 'w' && kind != 'i');
        return true;
    }

    /** Reads a literal from its opening delimiter at pos; nested pairs of bracket delimiters are kept. */
    private void quoted(final char open, final char close, final boolean interpolates) {
        var startLine = line;
        var value = new StringBuilder();
        var interpolated = false;
        var nesting = 0;
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length()) {
                value.append(c).append(src.charAt(pos + 1));
                line += src.charAt(pos + 1) == '\n' ? 1 : 0;
                pos += 2;
                continue;
            }
            if (interpolates && c == '#' && peek(1) == '{') {
                interpolated = true;
            }
            if (c == '\n') {
                line++;
            }
            if (c == close && nesting == 0) {
                pos++;
                break;
            }
            if (open != close && c == open) {
                nesting++;
            }
            else if (open != close && c == close) {
                nesting--;
            }
            value.append(c);
            pos++;
        }
        addLiteral(new Literal(value.toString(), startLine, interpolated));
    }

    private int addLiteral(final Literal literal) {
        literals.add(literal);
        append("«" + (literals.size() - 1) + "»");
        return literals.size() - 1;
    }

    private void blockComment() {
        var end = src.indexOf("\n=end", pos);
        end = end < 0 ? src.length() : lineEnd(end + 1);
        line += (int) src.substring(pos, end).chars().filter(ch -> ch == '\n').count();
        pos = end;
    }

    private void append(final String text) {
        if (!started && !text.isBlank()) {
            started = true;
            statementLine = line;
        }
        code.append(text);
    }

    private void finishStatement() {
        var text = code.toString().strip();
        if (!text.isEmpty()) {
            statements.add(new Statement(statementLine, text.replaceAll("\\s+", " "), List.copyOf(literals)));
        }
        code = new StringBuilder();
        literals = new ArrayList<>();
        depth = 0;
        started = false;
    }

    private boolean atLineStart() {
        return pos == 0 || src.charAt(pos - 1) == '\n';
    }

    private int lineEnd(final int from) {
        var end = src.indexOf('\n', from);
        return end < 0 ? src.length() : end;
    }

    private char peek(final int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    private static char closing(final char open) {
        return switch (open) {
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            case '<' -> '>';
            default -> open;
        };
    }
}
