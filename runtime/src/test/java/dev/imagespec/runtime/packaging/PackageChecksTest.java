package dev.imagespec.runtime.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.packaging.PackageConflicts.Conflict;
import dev.imagespec.runtime.packaging.PackageConflicts.Labeled;
import dev.imagespec.runtime.validate.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageChecksTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "numpy",
                "numpy=1.26",
                "numpy==1.26.4",
                "numpy>=1.26,<2",
                "numpy=1.26.4=py311h64a7726_0",
                "conda-forge::numpy",
                "conda-forge/linux-64::numpy>=1.26",
                "python=3.11",
                "numpy 1.26.*",
                "numpy 1.26.4 py311_0",
                "pytorch=2.1.*",
                "cudatoolkit>=11.8|>=12"
            })
    void condaGood(String spec) {
        assertThat(CondaMatchSpec.check(spec)).isEmpty();
        assertThat(CondaMatchSpec.isValid(spec)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "=1.0",
                "numpy>=",
                "numpy=1.0=",
                "::numpy",
                "numpy\nRUN x",
                "numpy;rm",
                "numpy 1 2 3",
                "bad channel::numpy",
                "numpy=1.0 2"
            })
    void condaBad(String spec) {
        assertThat(CondaMatchSpec.check(spec))
                .hasValueSatisfying(flaw -> assertThat(Messages.condaPackage(spec, flaw))
                        .startsWith("conda package \"")
                        .contains("e.g. \"numpy\""));
        assertThat(CondaMatchSpec.isValid(spec)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "curl",
                "g++",
                "libssl-dev",
                "libssl-dev:arm64",
                "curl=7.88.1-10+deb12u5",
                "git=1:2.39.2-1.1",
                "python3.11",
                "vim/bookworm-backports",
                "nginx=1.22.1"
            })
    void aptGood(String name) {
        assertThat(AptPackageName.check(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "g",
                "-curl",
                "curl=",
                "curl=abc",
                "curl=1.0-",
                "curl;rm -rf /",
                "curl\ngit",
                "curl=x:1.0",
                "lib_foo",
                "curl:",
                "curl=1.0-b@d"
            })
    void aptBad(String name) {
        assertThat(AptPackageName.check(name))
                .hasValueSatisfying(
                        flaw -> assertThat(Messages.aptPackage(name, flaw)).contains("e.g. \"curl\""));
        assertThat(AptPackageName.isValid(name)).isFalse();
    }

    @Test
    void aptUpperCaseSaysLowerCase() {
        assertThat(AptPackageName.check("Curl")).contains(AptPackageName.Flaw.UPPER_CASE);
        assertThat(Messages.aptPackage("Curl", AptPackageName.Flaw.UPPER_CASE)).contains("lower-case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.8", "3.10", "3.12", "3.14", "3.11.9", "3.13.0"})
    void pythonGood(String version) {
        assertThat(PythonVersions.check(version)).isEmpty();
    }

    @Test
    void pythonBadWithHints() {
        assertThat(python("3.1O")).contains("write \"3.10\"");
        assertThat(python("3.100")).contains("did you mean \"3.10\"");
        assertThat(python("2.7")).contains("3.8 to 3.14");
        assertThat(python("3.15")).contains("not a released");
        for (String bad : new String[] {"3", "3.12.", "03.12", "3.12.1.1", "3.12rc1", " 3.12", "", "3.7"}) {
            assertThat(PythonVersions.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void conflictsAreErrorsNamingBothPlaces() {
        List<Conflict> problems = PackageConflicts.find(List.of(
                new Labeled("packages[0]", "numpy>=2"),
                new Labeled("packages[1]", "pandas==2.1"),
                new Labeled("requirements.txt:3", "NumPy<1.5"),
                new Labeled("requirements.txt:4", "pandas!=2.1")));
        assertThat(problems).hasSize(2).allMatch(PackageChecksTest::isError);
        assertThat(Messages.packageConflict(problems.get(0)))
                .contains("\"numpy>=2\" (packages[0])")
                .contains("\"NumPy<1.5\" (requirements.txt:3)");
        assertThat(Messages.packageConflict(problems.get(1)))
                .contains("packages[1]")
                .contains("requirements.txt:4");
    }

    @Test
    void sameMeaningIsAWarningAndCompatibleRangesToo() {
        List<Conflict> problems = PackageConflicts.find(List.of(
                new Labeled("packages[0]", "Foo_Bar>=1.0"),
                new Labeled("packages[1]", "foo-bar >= 1"),
                new Labeled("packages[2]", "scipy>=1"),
                new Labeled("packages[3]", "scipy<2")));
        assertThat(problems).hasSize(2).noneMatch(PackageChecksTest::isError);
        assertThat(Messages.packageConflict(problems.get(0))).contains("same meaning");
        assertThat(Messages.packageConflict(problems.get(1))).contains("scipy<2,>=1");
    }

    @Test
    void differentMarkersAndBadEntriesAreNotCompared() {
        assertThat(PackageConflicts.find(List.of(
                        new Labeled("packages[0]", "numpy<1.5; python_version < '3.8'"),
                        new Labeled("packages[1]", "numpy>=2; python_version >= '3.9'"),
                        new Labeled("packages[2]", "numpy==="),
                        new Labeled("packages[3]", "not a requirement"))))
                .isEmpty();
    }

    @Test
    void localAndPrereleaseBoundariesFollowPep440() {
        assertThat(conflict("torch==2.1.0+cu121", "torch<=2.1.0")).isFalse();
        assertThat(conflict("torch==2.1.0.post1", "torch<2.1.0")).isTrue();
        assertThat(conflict("x==1.0+local", "x!=1.0")).isTrue();
        assertThat(conflict("x<=1.0", "x>1.0")).isTrue();
        assertThat(conflict("x==1.0a1", "x<1.0")).isTrue(); // <V excludes pre-releases of V
        assertThat(conflict("x~=1.4", "x>=2")).isTrue();
        assertThat(conflict("x==1.4.*", "x!=1.4.*")).isTrue();
        assertThat(conflict("x==1.4.*", "x<1.4.1")).isFalse();
        assertThat(conflict("x<1.0", "x>=1.0.dev0")).isTrue();
        assertThat(conflict("x===1.0", "x>=2")).isTrue();
    }

    private static boolean conflict(String a, String b) {
        return PackageConflicts.find(List.of(new Labeled("a", a), new Labeled("b", b))).stream()
                .anyMatch(PackageChecksTest::isError);
    }

    private static boolean isError(Conflict c) {
        return c.kind() == Conflict.Kind.UNSATISFIABLE;
    }

    private static String python(String version) {
        return Messages.pythonVersion(version, PythonVersions.check(version).orElseThrow());
    }
}
