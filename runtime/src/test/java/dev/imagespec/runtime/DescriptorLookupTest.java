package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link ImageSpecs#of} reads a task's descriptor at start-up: from the jar or directory the
 * task came from, without asking the class loader for a generated class that is not there, and
 * with the fields read when first asked.
 */
class DescriptorLookupTest {
    private static final String TASK = DescriptorLookupTask.class.getName();
    private static final String TASK_FILE = TASK.replace('.', '/') + ".class";

    @TempDir
    Path dir;

    @Test
    void aTaskInAJarWithoutAGeneratedClassIsReadFromItsDescriptorAndNoClassIsLookedFor() throws Exception {
        ImageSpec expected =
                ImageSpec.builder().name("lookup").registry("ghcr.io/acme").build();
        Path jar = jar(dir.resolve("task.jar"), Map.of(Descriptor.resourceFor(TASK), descriptor(expected)));
        try (RecordingLoader loader = new RecordingLoader(jar)) {
            ImageSpec spec = ImageSpecs.of(loader.loadClass(TASK));

            assertThat(spec.imageName()).isEqualTo(expected.imageName());
            assertThat(spec.id()).isEqualTo(expected.id());
            assertThat(spec.tag()).isEqualTo(expected.tag());
            // not the generated class: asking for an absent one opens every jar on the class path
            assertThat(loader.asked).contains(TASK).noneMatch(name -> name.endsWith("_ImageSpec"));
            assertThat(spec).isEqualTo(expected);
        }
    }

    @Test
    void aGeneratedClassInTheTasksJarIsAskedFor() throws Exception {
        ImageSpec expected = ImageSpec.builder().name("lookup").build();
        String generated = ImageSpecs.generatedClassName(DescriptorLookupTask.class);
        Path jar = jar(dir.resolve("task.jar"), Map.of(Descriptor.resourceFor(TASK), descriptor(expected)));
        jar(jar, Map.of(Descriptor.resourceFor(TASK), descriptor(expected)), generated);
        try (RecordingLoader loader = new RecordingLoader(jar)) {
            ImageSpec spec = ImageSpecs.of(loader.loadClass(TASK));

            assertThat(loader.asked).contains(generated);
            // that one has no values(), as an older processor's: the descriptor answers
            assertThat(spec.imageName()).isEqualTo(expected.imageName());
        }
    }

    @Test
    void aTaskInADirectoryIsReadFromTheDescriptorBesideIt() throws Exception {
        ImageSpec expected =
                ImageSpec.builder().name("lookup").packages("numpy==1.26.4").build();
        Path classes = dir.resolve("classes");
        write(classes.resolve(TASK_FILE), taskBytes());
        write(classes.resolve(Descriptor.resourceFor(TASK)), descriptor(expected));
        try (RecordingLoader loader = new RecordingLoader(classes)) {
            ImageSpec spec = ImageSpecs.of(loader.loadClass(TASK));

            assertThat(spec.imageName()).isEqualTo(expected.imageName());
            assertThat(spec.packages()).contains(List.of("numpy==1.26.4"));
            assertThat(loader.asked).contains(TASK).noneMatch(name -> name.endsWith("_ImageSpec"));
        }
    }

    @Test
    void aTaskWithNoCodeSourceIsReadThroughItsClassLoader() throws Exception {
        ImageSpec expected =
                ImageSpec.builder().name("lookup").aptPackages("git").build();
        Path resources = dir.resolve("resources");
        write(resources.resolve(Descriptor.resourceFor(TASK)), descriptor(expected));
        try (URLClassLoader descriptors =
                new URLClassLoader(new URL[] {resources.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            // defined from bytes with no protection domain: no code source to look in
            ClassLoader loader = new ClassLoader(descriptors) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    if (!name.equals(TASK)) {
                        throw new ClassNotFoundException(name);
                    }
                    try {
                        byte[] b = taskBytes();
                        return defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
            };
            Class<?> task = loader.loadClass(TASK);
            assertThat(task.getProtectionDomain().getCodeSource().getLocation()).isNull();

            ImageSpec spec = ImageSpecs.of(task);

            assertThat(spec.imageName()).isEqualTo(expected.imageName());
            assertThat(spec.aptPackages()).contains(List.of("git"));
        }
    }

    @Test
    void aFieldOfTheWrongTypeFailsFromTheFirstMethodThatNeedsTheFieldsNamingTheDescriptor() throws Exception {
        ImageSpec expected =
                ImageSpec.builder().name("lookup").packages("numpy").build();
        String damaged = descriptor(expected).replace("\"packages\" : [\n      \"numpy\"\n    ]", "\"packages\" : 5");
        assertThat(damaged).contains("\"packages\" : 5");
        Path jar = jar(dir.resolve("task.jar"), Map.of(Descriptor.resourceFor(TASK), damaged));
        try (RecordingLoader loader = new RecordingLoader(jar)) {
            ImageSpec spec = ImageSpecs.of(loader.loadClass(TASK));

            assertThat(spec.imageName()).isEqualTo(expected.imageName()); // the names are the descriptor's
            assertThatThrownBy(spec::packages)
                    .isInstanceOf(InvalidImageSpecException.class)
                    .hasMessageContaining(Descriptor.resourceFor(TASK))
                    .hasMessageContaining("packages");
            assertThat(spec.toString()).contains(TASK).contains("unreadable").contains("packages");
        }
    }

    @Test
    void aDescriptorThatIsNotJsonFailsAtOnce() throws Exception {
        Path jar = jar(dir.resolve("task.jar"), Map.of(Descriptor.resourceFor(TASK), "{\"format\" : "));
        try (RecordingLoader loader = new RecordingLoader(jar)) {
            Class<?> task = loader.loadClass(TASK);
            assertThatThrownBy(() -> ImageSpecs.of(task))
                    .hasMessageContaining(Descriptor.resourceFor(TASK))
                    .hasMessageContaining("not valid JSON");
        }
    }

    @Test
    void aSpecThatNamesFilesChecksThemBeforeItAnswersWithATag() throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("requirements.txt"), "numpy\n");
        ImageSpec compiled = ImageSpec.builder()
                .name("lookup")
                .requirements("requirements.txt")
                .baseDir(project)
                .build();
        Path jar = jar(dir.resolve("task.jar"), Map.of(Descriptor.resourceFor(TASK), descriptor(compiled)));
        Files.writeString(project.resolve("requirements.txt"), "pandas\n"); // changed since the compile
        String before = System.getProperty("imagespec.projectDir");
        System.setProperty("imagespec.projectDir", project.toString());
        try (RecordingLoader loader = new RecordingLoader(jar)) {
            ImageSpec spec = ImageSpecs.of(loader.loadClass(TASK));

            assertThat(spec.id()).isEqualTo(compiled.id());
            assertThatThrownBy(spec::imageName).isInstanceOf(StaleDescriptorException.class);
        } finally {
            if (before == null) {
                System.clearProperty("imagespec.projectDir");
            } else {
                System.setProperty("imagespec.projectDir", before);
            }
        }
    }

    /** {@link Descriptor#namesAreFinal()} reads the map; it must never trust a tag that hashing would recompute. */
    @Test
    void namesAreFinalOnlyWhenNoSpecInTheChainNamesFiles() throws IOException {
        Files.writeString(dir.resolve("requirements.txt"), "numpy\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/app.py"), "print(1)\n");
        ImageSpec plain = ImageSpec.builder().name("a").packages("numpy").build();
        List<ImageSpec> specs = List.of(
                plain,
                ImageSpec.builder().name("a").baseImage("debian:bookworm").build(),
                ImageSpec.builder()
                        .name("a")
                        .sourceCopyMode(CopyFileDetection.NO_COPY)
                        .build(),
                ImageSpec.builder().name("a").copy(List.of()).build(),
                ImageSpec.builder()
                        .name("a")
                        .requirements("requirements.txt")
                        .baseDir(dir)
                        .build(),
                ImageSpec.builder().name("a").copy("src/app.py").baseDir(dir).build(),
                ImageSpec.builder()
                        .name("a")
                        .sourceRoot("src")
                        .sourceCopyMode(CopyFileDetection.ALL)
                        .baseDir(dir)
                        .build(),
                ImageSpec.builder().name("a").baseSpec(plain).build(),
                ImageSpec.builder()
                        .name("a")
                        .baseSpec(ImageSpec.builder()
                                .name("b")
                                .copy("src/app.py")
                                .baseDir(dir)
                                .build())
                        .build());
        for (ImageSpec spec : specs) {
            Descriptor d = Descriptor.of(TASK, spec.values());
            if (spec.values().namesFilesInChain()) {
                assertThat(d.namesAreFinal()).as(spec.toString()).isFalse();
            }
        }
        assertThat(Descriptor.of(TASK, plain.values()).namesAreFinal()).isTrue();
        assertThat(Descriptor.of(TASK, specs.get(7).values()).hasBaseSpec()).isTrue();
        assertThat(Descriptor.of(TASK, specs.get(1).values()).hasBaseSpec()).isFalse();
    }

    private static String descriptor(ImageSpec spec) {
        return Descriptor.of(TASK, spec.values()).toJson();
    }

    private static byte[] taskBytes() throws IOException {
        return classBytes(TASK);
    }

    private static byte[] classBytes(String name) throws IOException {
        String file = name.replace('.', '/') + ".class";
        try (InputStream in = DescriptorLookupTest.class.getClassLoader().getResourceAsStream(file)) {
            return in.readAllBytes();
        }
    }

    private static Path jar(Path jar, Map<String, String> resources, String... classes) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry(TASK_FILE));
            j.write(taskBytes());
            for (String c : classes) {
                j.putNextEntry(new JarEntry(c.replace('.', '/') + ".class"));
                j.write(classBytes(c));
            }
            for (Map.Entry<String, String> e : resources.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void write(Path file, Object content) throws IOException {
        Files.createDirectories(file.getParent());
        if (content instanceof byte[] bytes) {
            Files.write(file, bytes);
        } else {
            Files.writeString(file, (String) content);
        }
    }

    /** A class loader of its own for the task (not the test's), that records each class asked of it. */
    private static final class RecordingLoader extends URLClassLoader {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        RecordingLoader(Path entry) throws IOException {
            super(new URL[] {entry.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }
}

/** The task: top level (its loader has no outer class), no dependencies, copied as bytes into jars and directories. */
final class DescriptorLookupTask {}

/** As an older processor generated it for {@link DescriptorLookupTask}: no {@code values} method. */
final class DescriptorLookupTask_ImageSpec {
    private DescriptorLookupTask_ImageSpec() {}
}
