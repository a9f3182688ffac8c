package dev.imagespec.processor;

/**
 * The processor's one nesting limit, shared by everything that nests: a {@code baseSpec} chain,
 * composed annotations (an annotation type carrying one that carries {@code @ImageSpec}), and an
 * option's {@code json} value. A descriptor nests one JSON object per base spec and holds option
 * JSON as written, so with every part at most {@link #MAX_DEPTH} deep a descriptor stays inside the
 * {@code InputLimits.MAX_DEPTH} (256) levels that the JSON reader ({@code JsonTree}) accepts, and the
 * 1,000 its writer does: whatever the processor accepts, it can write and the runtime can read back.
 */
final class Limits {
    /** At most this many specs in a {@code baseSpec} chain, levels of composition, or levels of option JSON. */
    static final int MAX_DEPTH = 100;

    private Limits() {}
}
