package dev.imagespec.maven;

import dev.imagespec.runtime.BuildListener;
import org.apache.maven.plugin.logging.Log;

/**
 * Build output through the Maven log, line by line as the tool prints it: plain lines, no progress
 * bars or colours. Tool lines and the engine's messages at INFO.
 */
final class MavenLogListener implements BuildListener {
    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void output(String line) {
        log.info(line);
    }

    @Override
    public void message(String text) {
        log.info("imagespec: " + text);
    }
}
