package dev.askgate.server;


/**
 * A process for {@link SigtermTest}: the real {@code askgate serve} ({@link Askgate#run}) from this process's
 * environment, with a test platform and {@code POST /ask} (a question to the model) in place of Discord and Slack.
 */
final class SignalledAskgate {
    private SignalledAskgate() {
    }

    public static void main(String[] args) {
        var env = System.getenv();
        LogSetup.configure(env, "serve");
        PlatformFactory testPlatform = (config, wiring) -> {
            var platform = new TestPlatform("testchat");
            platform.finishWork();
            return new EnabledPlatforms.Builder().platform(platform).route(AskRoute.of(wiring.chat())).build();
        };
        int status = new Askgate(env, System.in, System.out, System.err, false, testPlatform).run("serve");
        System.exit(status);
    }
}
