package dev.imagespec.builders;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The builders' packages have no cycle, and the runtime never reaches back into them. */
class BuildersLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.imagespec");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.imagespec.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theRuntimeDoesNotDependOnBuilders() {
        noClasses()
                .that()
                .resideInAPackage("dev.imagespec.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.imagespec.builders..")
                .check(classes);
    }
}
