package dev.imagespec.maven;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.spec.SpecMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Logs each spec as {@code imagespec describe} prints it: a JSON array of objects with {@code class},
 * {@code name}, {@code id}, {@code tag}, {@code image_name} and the normalized {@code spec}.
 */
@Mojo(name = "describe", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public final class DescribeMojo extends AbstractImageSpecMojo {
    @Override
    void run() throws MojoExecutionException {
        Map<String, ImageSpec> chosen = selected(specs());
        if (chosen.isEmpty()) {
            return;
        }
        List<Object> all = new ArrayList<>();
        chosen.forEach((className, spec) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", className);
            m.put("name", spec.name());
            m.put("id", spec.id());
            m.put("tag", spec.tag());
            m.put("image_name", spec.imageName());
            m.put("spec", SpecMapper.toMap(spec.values(), false));
            all.add(m);
        });
        JsonTree.write(all).lines().forEach(getLog()::info);
    }
}
