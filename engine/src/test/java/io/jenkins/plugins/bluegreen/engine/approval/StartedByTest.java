package io.jenkins.plugins.bluegreen.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.approval.StartedBy.Person;
import io.jenkins.plugins.bluegreen.engine.approval.StartedBy.Upstream;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedByTest {
    @Test
    void shouldNameThePersonWhoClickedBuild() {
        assertThat(StartedBy.requester(List.of(new Person("alice")))).contains("alice");
    }

    @Test
    void shouldFollowTheBuildsThatStartedThisOneToAPerson() {
        var releasePipeline = new Upstream(List.of(new Upstream(List.of(new Person("alice")))));

        assertThat(StartedBy.requester(List.of(releasePipeline))).contains("alice");
    }

    @Test
    void shouldPreferThePersonNearestToThisBuild() {
        var causes = List.<StartedBy>of(new Upstream(List.of(new Person("alice"))), new Person("bob"));

        assertThat(StartedBy.requester(causes)).contains("bob");
    }

    @Test
    void shouldKnowNobodyWhenTheChainLeadsToNoPerson() {
        assertThat(StartedBy.requester(List.of())).isEmpty();
        assertThat(StartedBy.requester(List.of(new Upstream(List.of()), new Person(null)))).isEmpty();
    }
}
