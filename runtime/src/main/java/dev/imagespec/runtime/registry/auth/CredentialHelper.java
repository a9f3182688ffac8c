package dev.imagespec.runtime.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a docker credential helper ({@code docker-credential-<name> get}, server on stdin, JSON on stdout)
 * with a time limit.
 *
 * @see <a href="https://github.com/docker/docker-credential-helpers">the credential helper protocol</a>
 */
final class CredentialHelper {
    /** What a helper prints when it has no entry; every helper of docker-credential-helpers uses it. */
    private static final String NOT_FOUND = "credentials not found";
    /** A helper answering {@code Username: "<token>"} hands back an identity token as {@code Secret}. */
    private static final String IDENTITY_TOKEN_USER = "<token>";

    private static final int MAX_OUTPUT = 64 * 1024;

    private final String name;
    private final Environment environment;
    private final Duration timeLimit;
    private final ObjectMapper json = new ObjectMapper();

    CredentialHelper(String name, Environment environment, Duration timeLimit) {
        this.name = name;
        this.environment = environment;
        this.timeLimit = timeLimit;
    }

    String executableName() {
        return "docker-credential-" + name;
    }

    /** The credential the helper holds for {@code server}, empty when it has none. */
    Optional<Credential> get(String server, String configuredIn) throws CredentialException {
        Path executable = environment
                .findExecutable(executableName())
                .orElseThrow(() -> new CredentialException(
                        "credential helper " + executableName() + " (named in " + configuredIn + ") is not on PATH;"
                                + " install it, or remove it from that file to use the credentials stored there"));
        byte[] out = run(executable, server);
        String text = new String(out, StandardCharsets.UTF_8).trim();
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException notJson) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            if (text.contains(NOT_FOUND)) {
                return Optional.empty();
            }
            throw new CredentialException(executableName() + " get " + server + " printed no credential JSON;"
                    + " run `echo " + server + " | " + executableName() + " get` to see why");
        }
        String user = node.path("Username").asText("");
        String secret = node.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (IDENTITY_TOKEN_USER.equals(user)) {
            return Optional.of(Credential.identityToken("", secret));
        }
        if (user.isEmpty()) {
            throw new CredentialException(executableName() + " returned a secret without a Username for " + server
                    + "; log in again with `docker login " + server + "`");
        }
        return Optional.of(Credential.basic(user, secret));
    }

    private byte[] run(Path executable, String server) throws CredentialException {
        Process process;
        try {
            process = environment
                    .processBuilder(List.of(executable.toString(), "get"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new CredentialException("cannot run " + executable + ": " + e.getMessage());
        }
        // stdout is read on another thread so a helper that fills the pipe cannot block the time limit.
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readLimited(process.getInputStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(server.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // A helper may exit before reading stdin; its exit code and output tell what happened.
        }
        try {
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CredentialException(executableName() + " get " + server + " did not answer within "
                        + timeLimit.toMillis() + " ms; is it waiting for a keychain prompt?");
            }
            byte[] out = output.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 && !text.contains(NOT_FOUND)) {
                throw new CredentialException(
                        executableName() + " get " + server + " failed with exit code " + process.exitValue()
                                + "; run `echo " + server + " | " + executableName() + " get` to see why");
            }
            return out;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CredentialException(executableName() + " was interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new CredentialException("cannot read the output of " + executableName());
        }
    }

    private static byte[] readLimited(InputStream in) {
        try (in) {
            return in.readNBytes(MAX_OUTPUT);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
