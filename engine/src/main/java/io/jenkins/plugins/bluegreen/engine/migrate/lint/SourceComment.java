package io.jenkins.plugins.bluegreen.engine.migrate.lint;

/** A comment found in a migration, without its marker; opt-outs live in comments. */
record SourceComment(int line, String text) {
}
