package dev.imagespec.runtime.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tokens per registry and scope, until they expire; one fetch for many waiting threads. */
class TokenCacheTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsATokenUntilItExpiresPerRegistryAndScope() {
        MutableClock clock = new MutableClock(t0);
        TokenCache cache = new TokenCache(clock);
        BearerToken token = BearerToken.of("tok-1", t0.plusSeconds(60));

        assertThat(cache.getOrFetch("r", "repository:a:pull", () -> token)).isSameAs(token);
        assertThat(cache.get("r", "repository:a:pull")).containsSame(token);
        assertThat(cache.get("r", "repository:b:pull")).isEmpty();
        assertThat(cache.get("other", "repository:a:pull")).isEmpty();
        clock.now = t0.plusSeconds(60);
        assertThat(cache.get("r", "repository:a:pull")).isEmpty();
    }

    @Test
    void invalidateForgetsOnlyTheRejectedToken() {
        TokenCache cache = new TokenCache(new MutableClock(t0));
        BearerToken old = BearerToken.of("old", t0.plusSeconds(60));
        BearerToken fresh = BearerToken.of("fresh", t0.plusSeconds(60));
        cache.getOrFetch("r", "s", () -> fresh);

        cache.invalidate("r", "s", old);

        assertThat(cache.get("r", "s")).containsSame(fresh);
        cache.invalidate("r", "s", fresh);
        assertThat(cache.get("r", "s")).isEmpty();
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        TokenCache cache = new TokenCache(Clock.systemUTC());
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BearerToken>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return cache.getOrFetch("r", "s", () -> {
                        fetches.incrementAndGet();
                        Thread.sleep(100);
                        return BearerToken.of("t", Instant.now().plus(Duration.ofMinutes(1)));
                    });
                }));
            }
            go.countDown();
            for (Future<BearerToken> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void toStringsHoldNoToken() {
        assertThat(BearerToken.of("secret-token-value", t0).toString()).doesNotContain("secret-token-value");
        assertThat(Credential.basic("u", "secret-pw").toString())
                .doesNotContain("secret-pw")
                .contains("u");
        assertThat(Credential.identityToken("", "secret-id").toString()).doesNotContain("secret-id");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
