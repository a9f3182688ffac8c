package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.text.InputText;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The rules for how pip is run: {@code pipIndex} and {@code pipExtraIndexUrl} are http(s) URLs,
 * {@code pipSecretMounts} have a source file and a destination (absolute, or relative to the working
 * directory of the install step, which BuildKit resolves it against, as flytekit's own test
 * {@code ("secret_src_2", "secret_dst_2")} relies on), and {@code pipExtraArgs} has no control
 * characters. flytekit accepts any string, so STRICT.
 *
 * <p>Example: {@code PipOptionRules.index("ftp://pypi.example.com", out)} adds
 * {@code pipIndex "ftp://pypi.example.com" must be an http or https URL, ...}.
 */
public final class PipOptionRules {
    /** The member {@link #index} checks. */
    public static final String INDEX = "pipIndex";
    /** The member {@link #extraIndexUrls} checks. */
    public static final String EXTRA_INDEX_URL = "pipExtraIndexUrl";
    /** The member {@link #secretMount} checks. */
    public static final String SECRET_MOUNTS = "pipSecretMounts";
    /** The member {@link #extraArgs} checks. */
    public static final String EXTRA_ARGS = "pipExtraArgs";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    private PipOptionRules() {}

    /** The index URL as written. */
    public static void index(String value, ValidationReport.Collector out) {
        url(INDEX, -1, value, out);
    }

    /** Each extra index URL as written. */
    public static void extraIndexUrls(List<String> values, ValidationReport.Collector out) {
        for (int i = 0; i < values.size(); i++) {
            url(EXTRA_INDEX_URL, i, values.get(i), out);
        }
    }

    /** Secret mount {@code index}: its source file and where it is mounted. */
    public static void secretMount(int index, String src, String dst, ValidationReport.Collector out) {
        if (src.isEmpty() || dst.isEmpty() || InputText.hasControl(src) || InputText.hasControl(dst)) {
            out.add(SECRET_MOUNTS, index, Severity.STRICT, src, Messages.secretMount(src, dst));
        }
    }

    /** The extra arguments as written. */
    public static void extraArgs(String value, ValidationReport.Collector out) {
        TextRules.noControl(EXTRA_ARGS, -1, value, out);
    }

    private static void url(String field, int index, String value, ValidationReport.Collector out) {
        if (!TextRules.noControl(field, index, value, out)) {
            return;
        }
        boolean ok;
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            ok = false;
        }
        if (!ok) {
            out.add(field, index, Severity.STRICT, value, Messages.url(field, value));
        }
    }
}
