package dev.askgate.core.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every credential below is assembled at run time from pieces and marked FAKE, so that no string in this
 * file matches a secret scanner's rules.
 */
class SecretGuardTest {
    private final SecretGuard guard = new SecretGuard();

    /** {@code n} characters of obviously fake key material with letters and digits. */
    private static String fake(int n) {
        String unit = "FAKE0000test";
        return unit.repeat(n / unit.length() + 1).substring(0, n);
    }

    private void assertFinds(String text, String kind) {
        assertThat(guard.findSecret(text)).as("in: %s", text).contains(kind);
    }

    @Test
    void openAiProjectServiceAndAdminKeysAreFound() {
        for (String kind : new String[] {"proj", "svcacct", "admin"}) {
            assertFinds("my key is " + "sk-" + kind + "-" + fake(60) + " please help", "an OpenAI API key");
        }
    }

    @Test
    void legacyOpenAiKeyWithTheMarkerIsFound() {
        assertFinds("OPENAI_API_KEY=" + "sk-" + fake(20) + "T3Blbk" + "FJ" + fake(20), "an OpenAI API key");
    }

    @Test
    void plainOpenAiKeyOfFortyCharactersIsFound() {
        assertFinds("key: \"" + "sk-" + fake(48) + "\"", "an OpenAI API key");
    }

    @Test
    void anthropicKeyIsNamedAsSuch() {
        assertFinds("sk-" + "ant-" + "api03-" + fake(80), "an Anthropic API key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "p", "a", "r", "s"})
    void slackTokensAreFound(String letter) {
        assertFinds("token " + "xox" + letter + "-" + "0000000000-0000000000000-" + fake(24), "a Slack token");
    }

    @Test
    void rotatingSlackRefreshTokenIsFound() {
        assertFinds("xo" + "xe.xoxp-1-" + fake(40), "a Slack token");
    }

    @Test
    void discordWebhookUrlIsFound() {
        assertFinds("https://discord" + ".com/api/webhooks/" + "123456789012345678/" + fake(60), "a Discord webhook URL");
    }

    @Test
    void stripeSecretKeyIsFound() {
        assertFinds("sk" + "_live_" + fake(30), "a Stripe secret key");
    }

    @Test
    void slackAppTokenIsFound() {
        assertFinds("xa" + "pp-1-" + "A0FAKE0000-0000000000000-" + "0000fake0000fake", "a Slack app token");
    }

    @Test
    void slackWebhookUrlIsFound() {
        assertFinds("post to https://hooks.slack" + ".com/services/" + "T0FAKE000/B0FAKE000/" + fake(24),
                "a Slack webhook URL");
    }

    @Test
    void discordBotTokenIsFound() {
        String token = "MTA" + fake(23) + "." + "GFAKE0" + "." + fake(38);
        assertFinds("DISCORD_BOT_TOKEN=" + token, "a Discord bot token");
    }

    @Test
    void awsAccessKeyIdIsFound() {
        assertFinds("id AK" + "IA" + "FAKE0000FAKE0000", "an AWS access key");
        assertFinds("id AS" + "IA" + "FAKE0000FAKE0000", "an AWS access key");
    }

    @Test
    void awsSecretKeyIsFoundNextToItsName() {
        String secret = "FAKE/fake+FAKE/fake+FAKE/fake+FAKE/fake+";
        assertFinds("aws_secret_access_key = " + secret, "an AWS secret access key");
        assertFinds("AWS_SECRET_ACCESS_KEY: \"" + secret + "\"", "an AWS secret access key");
    }

    @Test
    void githubTokensAreFound() {
        assertFinds("gh" + "p_" + fake(36), "a GitHub token");
        assertFinds("gh" + "s_" + fake(36), "a GitHub token");
        assertFinds("github" + "_pat_" + fake(22) + "_" + fake(59), "a GitHub token");
    }

    @Test
    void googleApiKeyIsFound() {
        assertFinds("key=AI" + "za" + fake(35), "a Google API key");
    }

    @Test
    void privateKeyHeadersAreFound() {
        assertFinds("-----BEGIN " + "RSA PRIVATE KEY-----\nMIIE...", "a private key");
        assertFinds("-----BEGIN " + "PRIVATE KEY-----", "a private key");
        assertFinds("-----BEGIN " + "OPENSSH PRIVATE KEY-----", "a private key");
    }

    @Test
    void jsonWebTokenIsFound() {
        assertFinds("ey" + "JhbGciOiJIUzI1NiJ9." + "ey" + "JzdWIiOiJGQUtFIn0." + fake(30), "a JSON Web Token");
    }

    @Test
    void bearerTokensAndAuthorizationHeadersAreFound() {
        assertFinds("curl -H 'Authorization: Bearer " + fake(32) + "'", "a bearer token");
        assertFinds("Authorization: Basic " + "RkFLRTpGQUtFMDAwMA==", "an HTTP authorization header");
        assertFinds("authorization: token " + fake(40), "an HTTP authorization header");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "How do I split a list in Python?",
            "I use sk-learn and scikit-learn for this",
            "sk-learn-contrib-and-other-hyphenated-packages-are-many",
            "sk-proj-setup-guide-for-our-new-team-members",
            "the disk-0000111122223333444455556666777788889999 device",
            "request id 123e4567-e89b-12d3-a456-426614174000",
            "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 broke it",
            "Bearer authentication sends a token in a header",
            "Authorization: Bearer $OPENAI_API_KEY",
            "Authorization: Bearer <your-token-here>",
            "Authorization: Bearer YOUR_API_KEY_GOES_HERE",
            "Tokens start with xoxb- or xapp- and look like xoxb-...",
            "https://hooks.slack.com/services/",
            "https://discord.com/api/webhooks/ is where webhooks live",
            "use sk_test_ keys in development, never sk_live_ ones",
            "-----BEGIN PUBLIC KEY-----",
            "-----BEGIN CERTIFICATE-----",
            "my_secret_key = hunter2",
            "see www.example.com and com.example.service.MyHandler",
            "version 1.2.3 of org.apache.commons",
            "AKIA is how AWS keys start",
            "ghp_ is the prefix of GitHub personal tokens",
            "a base64 blob dGhpcyBpcyBub3QgYSBzZWNyZXQ=",
    })
    void ordinaryTextIsNotTakenForASecret(String text) {
        assertThat(guard.findSecret(text)).as("in: %s", text).isEmpty();
    }

    @Test
    void emptyAndNullTextHoldNoSecret() {
        assertThat(guard.findSecret("")).isEmpty();
        assertThat(guard.findSecret(null)).isEmpty();
    }
}
