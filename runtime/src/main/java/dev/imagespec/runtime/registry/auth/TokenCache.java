package dev.imagespec.runtime.registry.auth;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer tokens per registry and scope, kept until they expire. Thread-safe; concurrent callers asking for
 * the same missing token wait for one fetch instead of each asking the token service.
 *
 * <pre>{@code
 * TokenCache cache = new TokenCache(Clock.systemUTC());
 * BearerToken t = cache.getOrFetch("ghcr.io", "repository:acme/app:pull", () -> tokenService.fetch());
 * }</pre>
 */
public final class TokenCache {

    /**
     * Fetches a token when the cache has none, or only an expired one.
     *
     * @param <E> the exception a fetch may throw
     */
    @FunctionalInterface
    public interface Fetcher<E extends Exception> {
        /**
         * Asks the token service.
         *
         * <pre>{@code
         * TokenCache.Fetcher<IOException> f = () -> tokenRequest.send(challenge, scope);
         * }</pre>
         */
        BearerToken fetch() throws E;
    }

    private record Key(String registry, String scope) {}

    private final Clock clock;
    private final ConcurrentMap<Key, BearerToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Object> fetchLocks = new ConcurrentHashMap<>();

    /**
     * A cache that reads time from this clock.
     *
     * <pre>{@code
     * TokenCache cache = new TokenCache(Clock.systemUTC());
     * }</pre>
     */
    public TokenCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The unexpired token for a registry and scope, if any.
     *
     * <pre>{@code
     * Optional<BearerToken> t = cache.get("ghcr.io", "repository:acme/app:pull");
     * }</pre>
     */
    Optional<BearerToken> get(String registry, String scope) {
        BearerToken token = tokens.get(new Key(registry, scope));
        return token == null || token.isExpired(clock.instant()) ? Optional.empty() : Optional.of(token);
    }

    /**
     * The cached token, or a new one from {@code fetcher} (stored) when there is none or it has expired.
     *
     * <pre>{@code
     * BearerToken t = cache.getOrFetch("ghcr.io", scope, () -> fetchToken(challenge, scope));
     * }</pre>
     */
    public <E extends Exception> BearerToken getOrFetch(String registry, String scope, Fetcher<E> fetcher) throws E {
        Key key = new Key(registry, scope);
        Optional<BearerToken> cached = get(registry, scope);
        if (cached.isPresent()) {
            return cached.get();
        }
        synchronized (fetchLocks.computeIfAbsent(key, k -> new Object())) {
            // Another thread may have fetched while this one waited for the lock.
            cached = get(registry, scope);
            if (cached.isPresent()) {
                return cached.get();
            }
            BearerToken fresh = fetcher.fetch();
            tokens.put(key, fresh);
            return fresh;
        }
    }

    /**
     * Forgets a token the registry rejected, unless another thread has already replaced it.
     *
     * <pre>{@code
     * cache.invalidate("ghcr.io", scope, rejected);
     * }</pre>
     */
    public void invalidate(String registry, String scope, BearerToken rejected) {
        tokens.remove(new Key(registry, scope), rejected);
    }

    /** Counts entries only. */
    @Override
    public String toString() {
        return "TokenCache{" + tokens.size() + " tokens}";
    }
}
