package io.jenkins.plugins.bluegreen.engine.cli;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.io.PrintWriter;

/**
 * How a command that works on hosts ends when it cannot finish: bad input exits 2, a failed run
 * exits 1, either with its message on stderr and no stack trace.
 */
final class Exits {
    static final int DONE = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    /** A command's work, returning its exit code. */
    interface Work {
        int run();
    }

    private Exits() {
    }

    /** Runs the work; {@code prefix} goes before a failure's message, so the user sees which command spoke. */
    static int of(final PrintWriter err, final String prefix, final Work work) {
        try {
            return work.run();
        }
        catch (InvalidInputException e) {
            say(err, prefix + e.getMessage());
            return BAD_INPUT;
        }
        catch (DeployFailedException e) {
            say(err, prefix + e.getMessage());
            return FAILED;
        }
    }

    private static void say(final PrintWriter err, final String message) {
        err.println(message);
        err.flush();
    }
}
