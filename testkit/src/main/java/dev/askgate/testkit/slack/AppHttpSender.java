package dev.askgate.testkit.slack;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plays Slack towards an app in HTTP mode: posts commands and events, signed, and times the answer. */
final class AppHttpSender {
    private final OkHttpClient http = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(30)).build();

    HttpDelivery post(URI endpoint, SlashCommand command, SlackSigner signer) {
        String body = command.formBody();
        return post(endpoint, "application/x-www-form-urlencoded", body, signed(signer, body));
    }

    HttpDelivery post(URI endpoint, SlackEvent event, SlackSigner signer, int retryNum) {
        Map<String, String> headers = signed(signer, event.json());
        if (retryNum > 0) {
            headers.put("X-Slack-Retry-Num", Integer.toString(retryNum));
            headers.put("X-Slack-Retry-Reason", "http_timeout");
        }
        return post(endpoint, "application/json", event.json(), headers);
    }

    HttpDelivery post(URI endpoint, SlackInteraction interaction, SlackSigner signer) {
        String body = interaction.formBody();
        return post(endpoint, "application/x-www-form-urlencoded", body, signed(signer, body));
    }

    HttpDelivery post(URI endpoint, String contentType, String body, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(endpoint.toString())
                .post(RequestBody.create(body, MediaType.get(contentType)));
        headers.forEach(request::header);
        long start = System.nanoTime();
        try (Response response = http.newCall(request.build()).execute()) {
            String responseBody = response.body().string();
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.headers().names().forEach(n -> responseHeaders.put(n, response.header(n)));
            return new HttpDelivery(response.code(), responseBody, responseHeaders,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> signed(SlackSigner signer, String body) {
        return new LinkedHashMap<>(signer.headers(Instant.now().getEpochSecond(), body));
    }


    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
