# Askgate in one container. Build with Docker (`docker build -t askgate .`) or with podman/buildah in Docker format
# (`podman build --format docker -t askgate .`: the OCI format has no HEALTHCHECK and drops it with only a warning).
# Run, secrets mounted as a directory so that rotating them works (README, "The container"):
#   docker run -p 8080:8080 -v askgate-data:/data -v "$PWD/secrets:/run/secrets/askgate:ro" \
#     -e OPENAI_API_KEY_FILE=/run/secrets/askgate/openai-key -e SLACK_BOT_TOKEN_FILE=... askgate
# No secret is baked into the image: pass keys at run time, as *_FILE mounts.

# ---- Build stage: Maven on a JDK 25 (the toolchains plugin finds this JDK through JAVA_HOME).
FROM docker.io/library/maven:3.9-eclipse-temurin-25 AS build
# Plain output in build logs; Maven's own Guava calls sun.misc.Unsafe, which JDK 25 warns about on every run.
ENV MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" MAVEN_ARGS="-B -Dstyle.color=never"
WORKDIR /src
# Dependencies first, from the POMs alone: a package run over empty modules downloads every dependency and plugin
# the real build uses (dependency:go-offline cannot resolve the reactor's own SNAPSHOT modules, and misses plugins'
# own dependencies). This layer is rebuilt only when a pom.xml changes, so a source change rebuilds in seconds.
COPY pom.xml ./
COPY testkit/pom.xml testkit/
COPY bot-core/pom.xml bot-core/
COPY core-fixture/pom.xml core-fixture/
COPY discord-adapter/pom.xml discord-adapter/
COPY slack-adapter/pom.xml slack-adapter/
COPY usage-store/pom.xml usage-store/
COPY bot-server/pom.xml bot-server/
# The benchmark's pom only, for the reactor to read: the image builds the launcher and the fakes (-pl ... -am).
COPY bench/pom.xml bench/
RUN mvn -q -DskipTests -pl bot-server,testkit -am package dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory=/tmp/resolved \
    && rm -rf /tmp/resolved */target
# Sources only (tests are run by CI, not by the image build): offline, from the layer above.
COPY testkit/src testkit/src
COPY bot-core/src/main bot-core/src/main
# The adapters' test fixture is in the reactor (-am follows test dependencies too), so it is compiled as well.
COPY core-fixture/src/main core-fixture/src/main
COPY discord-adapter/src/main discord-adapter/src/main
COPY slack-adapter/src/main slack-adapter/src/main
COPY usage-store/src/main usage-store/src/main
COPY bot-server/src/main bot-server/src/main
RUN mvn -o -q -Dmaven.test.skip=true -pl bot-server,testkit -am package \
    && mvn -o -q -pl testkit dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/src/fakes \
    && cp testkit/target/testkit-*.jar /src/fakes/

# ---- Training stage: a JDK 25 AOT cache (JEP 483/514) from a real run of serve against the testkit fakes, on the
# very JRE and flags the image runs with. It holds classes already loaded and linked, so start-up to /readyz takes
# about half as long. TrainingRun first starts serve once without the cache's output to migrate its database, so that
# the training is a restart, as nearly every start of a replica is (Flyway, needed only by a new database, stays out). The fakes and their fake keys stay in this stage; only the cache leaves it.
FROM docker.io/library/eclipse-temurin:25-jre AS train
WORKDIR /app
COPY --from=build /src/bot-server/target/askgate.jar /app/askgate.jar
COPY deploy/container/jvm.options /app/jvm.options
COPY --from=build /src/fakes /opt/fakes
RUN java -cp '/opt/fakes/*' dev.askgate.testkit.TrainingRun --port=18080 -- \
      java @/app/jvm.options -Xlog:aot=error,cds=error -XX:AOTCacheOutput=/app/askgate.aot -jar /app/askgate.jar serve

# ---- Runtime stage: a JRE only, as a numeric non-root user (Kubernetes' runAsNonRoot can check a number, not a name).
FROM docker.io/library/eclipse-temurin:25-jre
# /data holds the embedded database (SQLite, /data/askgate.db); owned by the runtime user so a fresh named volume,
# which takes the ownership of the image's directory, is writable.
RUN mkdir -p /data && chown 10001:10001 /data && chmod 0750 /data
WORKDIR /app
COPY deploy/container/jvm.options /app/jvm.options
COPY --from=build /src/bot-server/target/askgate.jar /app/askgate.jar
COPY --from=train /app/askgate.aot /app/askgate.aot
# HOME: uid 10001 has no passwd entry; /tmp is writable even with a read-only root filesystem.
# MALLOC_ARENA_MAX: glibc's per-thread malloc arenas add tens of MB of RSS for nothing in a JVM.
# ASKGATE_DB_URL: the usage store on the volume, not in /app (read-only with a read-only root filesystem).
ENV ASKGATE_PORT=8080 HOME=/tmp MALLOC_ARENA_MAX=2 ASKGATE_DB_URL=jdbc:sqlite:/data/askgate.db
VOLUME /data
USER 10001:10001
EXPOSE 8080
# serve drains on SIGTERM (ASKGATE_SHUTDOWN_GRACE_SECONDS, 20 s): give `docker stop -t 30` / stop_grace_period 30s.
STOPSIGNAL SIGTERM
# Liveness only: `askgate healthcheck` asks GET /healthz on ASKGATE_PORT (no curl in the image). Readiness (/readyz)
# is for a load balancer or Kubernetes' readinessProbe, not for restarting the container.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m", "-Xss512k", "-jar", "/app/askgate.jar", "healthcheck"]
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:AOTCache=/app/askgate.aot", "-jar", "/app/askgate.jar"]
CMD ["serve"]
