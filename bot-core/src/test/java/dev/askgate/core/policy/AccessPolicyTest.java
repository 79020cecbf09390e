package dev.askgate.core.policy;

import dev.askgate.core.Caller;
import dev.askgate.core.Platform;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {
    private static final Caller MEMBER = new Caller(Platform.DISCORD, "guild-1", "general", "alice", Set.of("member"));
    private static final Caller DIRECT = new Caller(Platform.DISCORD, "", "dm-9", "alice", Set.of());

    private static AccessPolicy policy(AccessRules rules) {
        return new AccessPolicy(rules);
    }

    @Test
    void emptyRulesAllowEveryone() {
        assertThat(policy(AccessRules.everyone()).allows(MEMBER)).isTrue();
        assertThat(policy(AccessRules.everyone()).allows(DIRECT)).isTrue();
    }

    @Test
    void anAllowedChannelsListKeepsTheBotOutOfOtherChannels() {
        AccessPolicy policy = policy(AccessRules.everyone().withAllowedChannels(Set.of("help")));

        assertThat(policy.decide(MEMBER)).isEqualTo(new AccessPolicy.Decision.Denied("channel is not allowed"));
        assertThat(policy.allows(new Caller(Platform.DISCORD, "guild-1", "help", "alice"))).isTrue();
    }

    @Test
    void aThreadInAnAllowedChannelIsAllowed() {
        AccessPolicy policy = policy(AccessRules.everyone().withAllowedChannels(Set.of("general")));
        Caller inThread = new Caller(Platform.DISCORD, "guild-1", "thread-5", "alice");

        assertThat(policy.decide(inThread, "general")).isInstanceOf(AccessPolicy.Decision.Allowed.class);
        assertThat(policy.decide(inThread)).isInstanceOf(AccessPolicy.Decision.Denied.class);
    }

    @Test
    void allowedRolesOrAllowedUsersLetACallerIn() {
        AccessPolicy policy = policy(AccessRules.everyone().withAllowedRoles(Set.of("staff"))
                .withAllowedUsers(Set.of("bob")));

        assertThat(policy.allows(MEMBER)).isFalse();
        assertThat(policy.allows(new Caller(Platform.DISCORD, "guild-1", "general", "carol", Set.of("staff")))).isTrue();
        assertThat(policy.allows(new Caller(Platform.DISCORD, "guild-1", "general", "bob"))).isTrue();
    }

    @Test
    void aDenyWinsOverEveryAllow() {
        AccessRules allowAll = AccessRules.everyone().withAllowedUsers(Set.of("alice"))
                .withAllowedChannels(Set.of("general")).withAllowedRoles(Set.of("member"));

        assertThat(policy(allowAll.withDeniedUsers(Set.of("alice"))).decide(MEMBER))
                .isEqualTo(new AccessPolicy.Decision.Denied("user is denied"));
        assertThat(policy(allowAll.withDeniedRoles(Set.of("member"))).allows(MEMBER)).isFalse();
        assertThat(policy(allowAll.withDeniedChannels(Set.of("general"))).allows(MEMBER)).isFalse();
        assertThat(policy(allowAll.withDeniedWorkspaces(Set.of("guild-1"))).allows(MEMBER)).isFalse();
    }

    @Test
    void anAllowedWorkspacesListKeepsOtherWorkspacesOut() {
        AccessPolicy policy = policy(AccessRules.everyone().withAllowedWorkspaces(Set.of("guild-2")));

        assertThat(policy.decide(MEMBER)).isEqualTo(new AccessPolicy.Decision.Denied("workspace is not allowed"));
        assertThat(policy.allows(new Caller(Platform.DISCORD, "guild-2", "general", "alice"))).isTrue();
    }

    @Test
    void aDirectMessageIsJudgedByWhoAsksNotWhere() {
        AccessRules where = AccessRules.everyone().withAllowedWorkspaces(Set.of("guild-1"))
                .withAllowedChannels(Set.of("general"));

        assertThat(policy(where).allows(DIRECT)).isTrue();
        assertThat(policy(where.withDeniedUsers(Set.of("alice"))).allows(DIRECT)).isFalse();
        assertThat(policy(where.withAllowedUsers(Set.of("bob"))).allows(DIRECT)).isFalse();
    }

    @Test
    void rulesCopyTheirSetsAndTreatNullAsEmpty() {
        AccessRules rules = new AccessRules(null, Set.of("a"), null, null, null, null, null, null);
        assertThat(rules.allowedWorkspaces()).isEmpty();
        assertThat(rules.allowedChannels()).containsExactly("a");
    }
}
