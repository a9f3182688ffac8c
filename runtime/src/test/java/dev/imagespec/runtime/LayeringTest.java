package dev.imagespec.runtime;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages form layers with no cycle: the façade on top, then the readers and the
 * registry client, then the walkers over a spec's field table, then leaves that take plain values.
 * A new import against this order fails the build, with the offending dependency named.
 */
class LayeringTest {
    private static final String R = "dev.imagespec.runtime";
    private static JavaClasses classes;

    @BeforeAll
    static void importRuntime() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(R);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.imagespec.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachPackageImportsOnlyTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("facade")
                .definedBy(R)
                .layer("descriptor")
                .definedBy(R + ".descriptor..")
                .layer("registry")
                .definedBy(R + ".registry..")
                .layer("spec")
                .definedBy(R + ".spec..")
                .layer("validate")
                .definedBy(R + ".validate..")
                .layer("hash")
                .definedBy(R + ".hash..")
                .layer("engine")
                .definedBy(R + ".engine..")
                .layer("packaging")
                .definedBy(R + ".packaging..")
                .layer("reference")
                .definedBy(R + ".reference..")
                .layer("text")
                .definedBy(R + ".text..")
                .whereLayer("facade")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("descriptor")
                .mayOnlyBeAccessedByLayers("facade")
                .whereLayer("registry")
                .mayOnlyBeAccessedByLayers("facade")
                .whereLayer("spec")
                .mayOnlyBeAccessedByLayers("facade", "descriptor")
                .whereLayer("validate")
                .mayOnlyBeAccessedByLayers("facade", "spec")
                .whereLayer("engine")
                .mayOnlyBeAccessedByLayers("facade", "spec")
                .whereLayer("hash")
                .mayOnlyBeAccessedByLayers("facade", "descriptor", "spec", "validate")
                .whereLayer("packaging")
                .mayOnlyBeAccessedByLayers("facade", "spec", "validate")
                .whereLayer("reference")
                .mayOnlyBeAccessedByLayers("facade", "registry", "spec", "validate")
                .check(classes);
    }
}
