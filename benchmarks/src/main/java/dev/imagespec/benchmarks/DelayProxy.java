package dev.imagespec.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a local port that delays every chunk of bytes by a fixed time
 * in each direction, as a network with that one-way latency would: a request and its reply take two
 * delays (the round trip), and a new connection pays one round trip more before its first bytes
 * arrive (TCP's handshake). Order is kept; nothing is dropped. Loopback only: it accepts on
 * 127.0.0.1 and connects to 127.0.0.1.
 *
 * <pre>{@code
 * try (DelayProxy proxy = DelayProxy.start(registry.port(), 20)) {
 *     String host = "127.0.0.1:" + proxy.port();   // 40 ms round trips to the registry
 * }
 * }</pre>
 */
final class DelayProxy implements AutoCloseable {
    private static final byte[] END = new byte[0];

    /** Bytes read at {@code nanos} ({@link System#nanoTime}); {@link #END} for the end of the stream. */
    private static final class Chunk {
        final long nanos;
        final byte[] bytes;

        Chunk(long nanos, byte[] bytes) {
            this.nanos = nanos;
            this.bytes = bytes;
        }
    }

    private final ServerSocket server;
    private final int targetPort;
    private final long delayNanos;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private DelayProxy(int targetPort, long delayMillis) throws IOException {
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        this.acceptor = daemon(this::accept, "delay-proxy-accept");
    }

    /** A proxy to 127.0.0.1:{@code targetPort}, {@code delayMillis} each way, already accepting. */
    static DelayProxy start(int targetPort, long delayMillis) throws IOException {
        DelayProxy p = new DelayProxy(targetPort, delayMillis);
        p.acceptor.start();
        return p;
    }

    /** The port it accepts on, on 127.0.0.1. */
    int port() {
        return server.getLocalPort();
    }

    /** How many connections clients have opened through it. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                connections.incrementAndGet();
                // the client's first bytes wait one round trip more: the handshake a real network costs
                pipe(client, upstream, 3 * delayNanos);
                pipe(upstream, client, delayNanos);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("delay proxy: " + e.getMessage());
                }
            }
        }
    }

    /** Copies {@code from} to {@code to}, each chunk written {@code delay} after it was read ({@code firstDelay} for the first). */
    private void pipe(Socket from, Socket to, long firstDelay) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon(
                        () -> {
                            byte[] buffer = new byte[64 * 1024];
                            try (InputStream in = from.getInputStream()) {
                                for (int n; (n = in.read(buffer)) > 0; ) {
                                    queue.add(new Chunk(System.nanoTime(), Arrays.copyOf(buffer, n)));
                                }
                            } catch (IOException closed) {
                                // the other side or close() ended it
                            }
                            queue.add(new Chunk(System.nanoTime(), END));
                        },
                        "delay-proxy-read")
                .start();
        daemon(
                        () -> {
                            boolean first = true;
                            try {
                                OutputStream out = to.getOutputStream();
                                while (true) {
                                    Chunk chunk = queue.take();
                                    long due = chunk.nanos + (first ? firstDelay : delayNanos);
                                    first = false;
                                    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                                        TimeUnit.NANOSECONDS.sleep(wait);
                                    }
                                    byte[] bytes = chunk.bytes;
                                    if (bytes == END) {
                                        to.shutdownOutput();
                                        return;
                                    }
                                    out.write(bytes);
                                    out.flush();
                                }
                            } catch (IOException | InterruptedException closed) {
                                // close() ended it
                            }
                        },
                        "delay-proxy-write")
                .start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
