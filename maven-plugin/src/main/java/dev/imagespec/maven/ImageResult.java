package dev.imagespec.maven;

import dev.imagespec.runtime.descriptor.JsonTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code target/imagespec/images.json}: the keys of the CLI's {@code build --result-file}
 * ({@code image}, {@code digest}, {@code outcome}, {@code builder}, {@code seconds}, {@code base_image},
 * {@code base_digest}) plus {@code class} and {@code pushed}.
 *
 * @param className the binary name of the class whose spec it is; null for a base spec no class on the class path describes
 * @param image the image name
 * @param digest the manifest digest: the pushed one, or the registry's for a present image; null when not known
 * @param outcome {@code built}, {@code skipped}, {@code assumed_present} or {@code failed}
 * @param builder the builder type, e.g. {@code default}; null when none was chosen
 * @param seconds time spent on it
 * @param pushed whether this build pushed it
 * @param baseImage the image a build started from; null when nothing was built
 * @param baseDigest that image's registry digest when the build ran; null when nothing was built or it is not known
 */
record ImageResult(
        String className,
        String image,
        String digest,
        String outcome,
        String builder,
        double seconds,
        boolean pushed,
        String baseImage,
        String baseDigest) {

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", image);
        m.put("digest", digest);
        m.put("outcome", outcome);
        m.put("builder", builder);
        m.put("seconds", seconds);
        m.put("base_image", baseImage);
        m.put("base_digest", baseDigest);
        m.put("class", className);
        m.put("pushed", pushed);
        return m;
    }

    /** Writes the rows as a JSON array, atomically, creating the directory. */
    static void write(Path file, List<ImageResult> results) throws IOException {
        List<Object> rows = new ArrayList<>();
        for (ImageResult r : results) {
            rows.add(r.toMap());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        DescriptorRefresher.writeAtomically(file, JsonTree.write(rows));
    }
}
