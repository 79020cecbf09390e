package dev.askgate.testkit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The training's first start, which migrates the database, is the same command without the cache's output. */
class TrainingRunTest {

    @Test
    void theMigratingStartIsTheSameCommandWithoutTheCacheOutput() {
        List<String> command = List.of("java", "@/app/jvm.options", "-Xlog:aot=error,cds=error",
                "-XX:AOTCacheOutput=/app/askgate.aot", "-jar", "/app/askgate.jar", "serve");

        assertThat(TrainingRun.withoutCacheOutput(command))
                .containsExactly("java", "@/app/jvm.options", "-Xlog:aot=error,cds=error", "-jar", "/app/askgate.jar",
                        "serve");
    }
}
