package dev.askgate.core.admission;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Platform;
import dev.askgate.core.Refusal;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.policy.AccessPolicy;
import dev.askgate.core.policy.AccessRules;
import dev.askgate.core.policy.RefusalThrottle;
import dev.askgate.core.testing.LogCapture;
import dev.askgate.core.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Core admission: each step of the chain alone, and their order. */
class AdmissionTest {
    private static final Caller IN_CHANNEL = new Caller(Platform.DISCORD, "G1", "C1", "U1");
    private static final Caller IN_DM = new Caller(Platform.DISCORD, "", "D1", "U1");
    private static final ChatConfig SETTINGS = new ChatConfig("gpt-6-luna", "You help.", 600, 100);

    private final ManualClock clock = new ManualClock();
    private final LogCapture logs = LogCapture.start();

    @AfterEach
    void close() {
        logs.close();
    }

    @Test
    void anOrdinaryQuestionIsAdmittedStripped() {
        assertThat(admission(AccessRules.everyone(), true).admit(IN_CHANNEL, "  how do I undo a commit?\n",
                Place.channel("C1"))).isEqualTo(new Verdict.Admitted(IN_CHANNEL, "how do I undo a commit?"));
    }

    @Test
    void directMessagesOffAreRefusedAndToldOnceAnHour() {
        Admission admission = admission(AccessRules.everyone(), false);

        Verdict first = admission.admit(IN_DM, "hello", Place.directMessage());
        Verdict again = admission.admit(IN_DM, "hello?", Place.directMessage());
        clock.advance(Duration.ofMinutes(61));
        Verdict later = admission.admit(IN_DM, "anyone?", Place.directMessage());

        assertThat(first).isEqualTo(new Verdict.Refused(new Refusal.DirectMessagesOff(), true));
        assertThat(again).isEqualTo(new Verdict.Refused(new Refusal.DirectMessagesOff(), false));
        assertThat(later).isEqualTo(new Verdict.Refused(new Refusal.DirectMessagesOff(), true));
    }

    @Test
    void aDeniedUserIsToldOnceAMinuteEvenWithAnEmptyOrSecretQuestion() {
        Admission admission = admission(AccessRules.everyone().withDeniedUsers(Set.of("U1")), true);

        Verdict first = admission.admit(IN_CHANNEL, "sk-proj-FAKE0000test0000key0000notreal", Place.channel("C1"));
        Verdict again = admission.admit(IN_CHANNEL, "", Place.channel("C1"));
        clock.advance(Duration.ofSeconds(61));
        Verdict later = admission.admit(IN_CHANNEL, "hi", Place.channel("C1"));

        assertThat(first).isEqualTo(new Verdict.Refused(new Refusal.NotAllowed(), true));
        assertThat(again).isEqualTo(new Verdict.Refused(new Refusal.NotAllowed(), false));
        assertThat(later).isEqualTo(new Verdict.Refused(new Refusal.NotAllowed(), true));
        assertThat(logs.text()).contains("refused by the access policy: user is denied")
                .doesNotContain("FAKE0000test");
    }

    @Test
    void aThreadIsJudgedByItsParentChannelsLists() {
        Admission admission = admission(AccessRules.everyone().withAllowedChannels(Set.of("C-parent")), true);
        Caller inThread = new Caller(Platform.DISCORD, "G1", "T-thread", "U1");

        assertThat(admission.admit(inThread, "hi", Place.channel("C-parent"))).isInstanceOf(Verdict.Admitted.class);
        assertThat(admission.admit(inThread, "hi", Place.channel("C-other"))).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void membershipsAreNeededOnlyForDirectMessagesWhileWorkspaceOrRoleListsAreSet() {
        Admission open = admission(AccessRules.everyone().withDeniedUsers(Set.of("U9")), true);
        Admission byGuild = admission(AccessRules.everyone().withAllowedWorkspaces(Set.of("G1")), true);
        Admission dmsOff = admission(AccessRules.everyone().withAllowedWorkspaces(Set.of("G1")), false);

        assertThat(open.needsMemberships(Place.directMessage())).isFalse();
        assertThat(byGuild.needsMemberships(Place.directMessage())).isTrue();
        assertThat(byGuild.needsMemberships(Place.channel("C1"))).isFalse();
        assertThat(dmsOff.needsMemberships(Place.directMessage())).as("refused before it matters").isFalse();
        assertThat(open.admit(IN_DM, "hi", Place.directMessage())).isInstanceOf(Verdict.Admitted.class);
    }

    @Test
    void aDirectMessageIsJudgedByTheSendersMembershipsAndGetsTheirRolesWhereAllowed() {
        Admission admission = admission(AccessRules.everyone().withAllowedRoles(Set.of("R-staff")), true);
        var staffInG1 = new Place.Membership("G1", Set.of("R-staff", "R-dev"));
        var nobodyInG2 = new Place.Membership("G2", Set.of("R-guest"));

        Verdict admitted = admission.admit(IN_DM, "hi", Place.directMessage(
                new Place.Memberships.Known(List.of(staffInG1, nobodyInG2))));
        Verdict noRole = admission.admit(IN_DM, "hi", Place.directMessage(
                new Place.Memberships.Known(List.of(nobodyInG2))));
        Verdict unknown = admission.admit(IN_DM, "hi", Place.directMessage(new Place.Memberships.Unknown("503")));
        Verdict notLookedUp = admission.admit(IN_DM, "hi", Place.directMessage());

        assertThat(admitted).isInstanceOfSatisfying(Verdict.Admitted.class,
                a -> assertThat(a.caller().roleIds()).containsExactlyInAnyOrder("R-staff", "R-dev"));
        assertThat(List.of(noRole, unknown, notLookedUp)).allSatisfy(v -> assertThat(v)
                .isInstanceOfSatisfying(Verdict.Refused.class,
                        r -> assertThat(r.refusal()).isEqualTo(new Refusal.NotAllowed())));
    }

    @Test
    void aDenyInAnySharedWorkspaceRefusesADirectMessage() {
        Admission admission = admission(AccessRules.everyone().withDeniedWorkspaces(Set.of("G2")), true);

        Verdict verdict = admission.admit(IN_DM, "hi", Place.directMessage(new Place.Memberships.Known(List.of(
                new Place.Membership("G1", Set.of()), new Place.Membership("G2", Set.of())))));

        assertThat(verdict).isEqualTo(new Verdict.Refused(new Refusal.NotAllowed(), true));
    }

    @Test
    void anEmptyQuestionIsRefusedSoThePlatformCanShowItsHint() {
        assertThat(admission(AccessRules.everyone(), true).admit(IN_CHANNEL, " \n ", Place.channel("C1")))
                .isEqualTo(new Verdict.Refused(new Refusal.EmptyQuestion(), true));
    }

    @Test
    void aQuestionLargerThanTheBudgetIsRefusedWithItsSize() {
        Verdict verdict = admission(AccessRules.everyone(), true).admit(IN_CHANNEL,
                "word ".repeat(800), Place.channel("C1"));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> assertThat(refused.refusal())
                .isInstanceOfSatisfying(Refusal.QuestionTooLong.class, tooLong -> {
                    assertThat(tooLong.tokens()).isGreaterThan(800);
                    assertThat(tooLong.limit()).isEqualTo(500);
                }));
    }

    @Test
    void aQuestionWithASecretIsRefusedNamingTheKindAndTheSecretIsNeverLogged() {
        String secret = "xoxb-FAKE12345-67890123456-abcdefghijklmnopqrstuvwx";

        Verdict verdict = admission(AccessRules.everyone(), true).admit(IN_CHANNEL,
                "why does " + secret + " fail?", Place.channel("C1"));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.refusal()).isInstanceOf(Refusal.SecretInQuestion.class);
            assertThat(refused.tell()).isTrue();
        });
        assertThat(logs.text()).contains("refused: the question contains").doesNotContain(secret);
    }

    private Admission admission(AccessRules rules, boolean directMessages) {
        return new Admission(new AccessPolicy(rules), directMessages, RefusalThrottle.perMinute(clock),
                new RefusalThrottle(Duration.ofHours(1), clock), new SecretGuard(), new ContextWindow(SETTINGS),
                SETTINGS.systemPrompt());
    }
}
