# Askgate in one container. Build:  docker build -t askgate .
# Run:    docker run -e OPENAI_API_KEY_FILE=/run/secrets/openai -v ./openai.key:/run/secrets/openai:ro \
#                    -e SLACK_BOT_TOKEN_FILE=... -p 8080:8080 askgate
# No secret is baked into the image: pass keys at run time, preferably as *_FILE mounts.

# Build stage: Maven with a JDK >= 21 (the toolchains plugin finds this JDK through JAVA_HOME).
FROM docker.io/library/maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl bot-server -am package

# Runtime stage: a JRE only, running as an unprivileged user.
FROM docker.io/library/eclipse-temurin:25-jre
RUN groupadd --system askgate && useradd --system --gid askgate --no-create-home --shell /usr/sbin/nologin askgate
COPY --from=build /src/bot-server/target/askgate.jar /opt/askgate/askgate.jar
USER askgate
EXPOSE 8080
# `askgate healthcheck` asks GET /healthz on ASKGATE_PORT; a JVM-based check needs no curl in the image.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m", "-jar", "/opt/askgate/askgate.jar", "healthcheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/askgate/askgate.jar"]
CMD ["serve"]
