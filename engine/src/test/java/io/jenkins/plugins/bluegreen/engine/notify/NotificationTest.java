package io.jenkins.plugins.bluegreen.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NotificationTest {
    @Test
    void shouldWriteSourceHeadlineFactsAndLinkOnTheirOwnLines() {
        var n = Notification.about("shop #42", "deploy held by the deployment window", "http://jenkins/job/shop/42/")
                .with("rule", "Friday afternoon freeze")
                .with("next opening", "2026-12-08T10:00:00Z");

        assertThat(n.text()).isEqualTo("shop #42: deploy held by the deployment window\n"
                + "rule: Friday afternoon freeze\n"
                + "next opening: 2026-12-08T10:00:00Z\n"
                + "http://jenkins/job/shop/42/");
    }

    @Test
    void shouldLeaveOutBlankFactsAndAMissingLink() {
        var n = Notification.about("shop #42", "approved", null).with("comment", " ").with("ticket", null)
                .with("by", " alice ");

        assertThat(n.text()).isEqualTo("shop #42: approved\nby: alice");
    }

    @Test
    void shouldProduceSlackJsonWithOnlyATextFieldAndEscapedContent() throws Exception {
        var n = Notification.about("shop \"prod\" #1", "hotfix override", null).with("reason", "line1\nline2 \\ {}");

        var json = new ObjectMapper().readTree(n.toJson());

        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get("text").asText()).isEqualTo("shop \"prod\" #1: hotfix override\nreason: line1\nline2 \\ {}");
    }
}
