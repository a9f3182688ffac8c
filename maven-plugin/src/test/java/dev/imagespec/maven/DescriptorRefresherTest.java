package dev.imagespec.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.hash.DigestCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorRefresherTest {
    @TempDir
    Path dir;

    private static ImageSpec.Builder spec(String name, Path project) {
        return ImageSpec.builder()
                .name(name)
                .registry("127.0.0.1:5000/team")
                .baseImage("127.0.0.1:5000/base/busybox:1")
                .baseDir(project);
    }

    /** Writes descriptors and the index as the processor does. */
    private static void compile(Path classes, Map<String, ImageSpec> specs) throws IOException {
        Path meta = Files.createDirectories(classes.resolve(Descriptor.DIRECTORY));
        for (Map.Entry<String, ImageSpec> e : specs.entrySet()) {
            Files.writeString(
                    meta.resolve(e.getKey() + ".json"),
                    Descriptor.of(e.getKey(), e.getValue().values()).toJson());
        }
        Files.writeString(classes.resolve(Descriptor.INDEX), Descriptor.indexJson(List.copyOf(specs.keySet())));
    }

    private static Descriptor read(Path classes, String className) throws IOException {
        try (InputStream in = Files.newInputStream(classes.resolve(Descriptor.resourceFor(className)))) {
            return Descriptor.read(in, className);
        }
    }

    private static List<DescriptorRefresher.Refreshed> refresh(Path classes, Path project, Map<String, ImageSpec> deps)
            throws IOException {
        return new DescriptorRefresher(classes, project, () -> deps, null).refresh();
    }

    @Test
    void anEditedCopiedFileGivesTheNewTagAndImageNameKeepingTheId() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("requirements.txt"), "numpy==1.26.4\n");
        ImageSpec compiled =
                spec("app", project).copy("requirements.txt").commands("true").build();
        Path classes = dir.resolve("classes");
        compile(classes, Map.of("dev.acme.App", compiled));
        Descriptor before = read(classes, "dev.acme.App");

        Files.writeString(project.resolve("requirements.txt"), "numpy==2.1.3\npandas>=2\n");
        List<DescriptorRefresher.Refreshed> refreshed = refresh(classes, project, Map.of());

        String expected = spec("app", project)
                .copy("requirements.txt")
                .commands("true")
                .build()
                .tag();
        assertThat(expected).isNotEqualTo(before.tag());
        assertThat(refreshed)
                .containsExactly(new DescriptorRefresher.Refreshed("dev.acme.App", before.tag(), expected));
        Descriptor after = read(classes, "dev.acme.App");
        assertThat(after.tag()).isEqualTo(expected);
        assertThat(after.imageName()).isEqualTo("127.0.0.1:5000/team/app:" + expected);
        assertThat(after.id()).isEqualTo(before.id());
        // The runtime reads it as fresh: no stale-descriptor error, the new name.
        ImageSpec loaded = ProjectSpecs.read(List.of(classes), project).get("dev.acme.App");
        assertThat(loaded.imageName()).isEqualTo(after.imageName());
        assertThat(Files.list(classes.resolve(Descriptor.DIRECTORY)))
                .as("no temporary file left")
                .allMatch(p -> p.getFileName().toString().endsWith(".json"));
    }

    @Test
    void unchangedFilesAndFilelessSpecsAreLeftAlone() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("conf.txt"), "a\n");
        Path classes = dir.resolve("classes");
        compile(
                classes,
                Map.of(
                        "dev.acme.Files",
                        spec("files", project).copy("conf.txt").build(),
                        "dev.acme.Plain",
                        spec("plain", project).commands("true").build()));
        Path file = classes.resolve(Descriptor.resourceFor("dev.acme.Files"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, old);

        assertThat(refresh(classes, project, Map.of())).isEmpty();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }

    @Test
    void aBaseSpecInTheSameModuleIsRehashedAndTheChildGetsANewTag() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("base.txt"), "one\n");
        ImageSpec base = spec("base", project).copy("base.txt").build();
        ImageSpec child = ImageSpec.builder()
                .name("child")
                .registry("127.0.0.1:5000/team")
                .baseSpec(base)
                .commands("true")
                .baseDir(project)
                .build();
        Path classes = dir.resolve("classes");
        compile(classes, Map.of("dev.acme.Base", base, "dev.acme.Child", child));
        String childBefore = read(classes, "dev.acme.Child").tag();

        Files.writeString(project.resolve("base.txt"), "two, longer\n");
        List<DescriptorRefresher.Refreshed> refreshed = refresh(classes, project, Map.of());

        ImageSpec newBase = spec("base", project).copy("base.txt").build();
        ImageSpec newChild = ImageSpec.builder()
                .name("child")
                .registry("127.0.0.1:5000/team")
                .baseSpec(newBase)
                .commands("true")
                .baseDir(project)
                .build();
        assertThat(DescriptorRefresher.names(refreshed)).containsExactly("dev.acme.Base", "dev.acme.Child");
        assertThat(read(classes, "dev.acme.Child").tag())
                .isEqualTo(newChild.tag())
                .isNotEqualTo(childBefore);
        assertThat(read(classes, "dev.acme.Base").tag()).isEqualTo(newBase.tag());
    }

    @Test
    void aBaseSpecFromAnotherModuleIsTakenFromThatModulesRefreshedDescriptor() throws IOException {
        Path baseProject = Files.createDirectories(dir.resolve("base"));
        Path appProject = Files.createDirectories(dir.resolve("app"));
        Files.writeString(baseProject.resolve("base.txt"), "one\n");
        ImageSpec base = spec("base", baseProject).copy("base.txt").build();
        Path baseClasses = dir.resolve("base-classes");
        compile(baseClasses, Map.of("dev.acme.Base", base));
        // The app's processor read the base from base's descriptor, resolving files in the app's project.
        ImageSpec baseAsSeenByApp =
                ProjectSpecs.read(List.of(baseClasses), appProject).get("dev.acme.Base");
        ImageSpec app = ImageSpec.builder()
                .name("app")
                .registry("127.0.0.1:5000/team")
                .baseSpec(baseAsSeenByApp)
                .commands("true")
                .baseDir(appProject)
                .build();
        Path appClasses = dir.resolve("app-classes");
        compile(appClasses, Map.of("dev.acme.App", app));
        String appBefore = read(appClasses, "dev.acme.App").tag();

        Files.writeString(baseProject.resolve("base.txt"), "two, longer\n");
        assertThat(refresh(baseClasses, baseProject, Map.of())).hasSize(1);
        Map<String, ImageSpec> deps = ProjectSpecs.read(List.of(baseClasses), appProject);
        assertThat(DescriptorRefresher.names(refresh(appClasses, appProject, deps)))
                .containsExactly("dev.acme.App");

        ImageSpec newApp = ImageSpec.builder()
                .name("app")
                .registry("127.0.0.1:5000/team")
                .baseSpec(spec("base", baseProject).copy("base.txt").build())
                .commands("true")
                .baseDir(appProject)
                .build();
        assertThat(read(appClasses, "dev.acme.App").tag())
                .isEqualTo(newApp.tag())
                .isNotEqualTo(appBefore);
    }

    @Test
    void theProcessorsDigestCacheIsUsedAndSaved() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("conf.txt"), "a\n");
        Path classes = dir.resolve("classes");
        compile(
                classes,
                Map.of("dev.acme.Files", spec("files", project).copy("conf.txt").build()));
        Files.writeString(project.resolve("conf.txt"), "b, longer\n");
        Files.setLastModifiedTime(
                project.resolve("conf.txt"), FileTime.fromMillis(System.currentTimeMillis() - 10_000));
        Path cacheFile = dir.resolve("imagespec-cache/classes.tsv");
        DigestCache cache = DigestCache.load(cacheFile);

        assertThat(new DescriptorRefresher(classes, project, Map::of, cache).refresh())
                .hasSize(1);
        cache.save();

        assertThat(cacheFile).exists();
    }
}
