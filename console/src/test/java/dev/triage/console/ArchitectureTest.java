package dev.triage.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.triage.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule consoleHasNoAwsSdk = noClasses()
            .that()
            .resideInAPackage("dev.triage.console..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("software.amazon..")
            .because("the console reaches AWS only through core's ports");
}
