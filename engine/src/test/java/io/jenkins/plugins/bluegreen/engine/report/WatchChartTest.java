package io.jenkins.plugins.bluegreen.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class WatchChartTest {
    @Test
    void shouldDrawWellFormedSvgWithoutScriptEventHandlersOrStyles() throws Exception {
        var svg = WatchChart.svg(WatchSummary.of(WatchReports.healthy()));

        var chart = parse(svg);

        assertThat(chart.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(chart.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 480 364");
        var names = new ArrayList<String>();
        var attributes = new ArrayList<String>();
        for (Element element : elements(chart, "//*")) {
            names.add(element.getTagName());
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                attributes.add(element.getAttributes().item(i).getNodeName());
            }
        }
        assertThat(names).doesNotContain("script", "style", "foreignObject");
        assertThat(attributes).doesNotContain("style", "href", "xlink:href")
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("on"));
    }

    @Test
    void shouldDrawOneCirclePerIntervalOfEachSourceInEachMetric() throws Exception {
        var chart = parse(WatchChart.svg(WatchSummary.of(WatchReports.healthy())));

        for (var metric : List.of("error-rate", "p95")) {
            var sources = elements(chart, "//*[@class='" + metric + "']/*[@class='source']");
            assertThat(sources).as(metric).hasSize(2);
            for (Element source : sources) {
                assertThat(source.getElementsByTagName("circle").getLength()).as(metric).isEqualTo(3);
            }
        }
    }

    @Test
    void shouldHoverEveryPointWithItsFigures() throws Exception {
        var chart = parse(WatchChart.svg(WatchSummary.of(WatchReports.healthy())));

        assertThat(elements(chart, "//*[@class='error-rate']//*[local-name()='circle']/*[local-name()='title']"))
                .extracting(Element::getTextContent)
                .contains("nginx /var/log/nginx/access.log +20 s: error rate 0.25%, 98 requests",
                        "prometheus http://127.0.0.1:9090 +20 s: error rate no figure (no data: connection refused)");
    }

    @Test
    void shouldDrawTheRollbackLimitAndTheHealthyBarDashedInBothPanels() throws Exception {
        var chart = parse(WatchChart.svg(WatchSummary.of(WatchReports.healthy())));

        assertThat(elements(chart, "//*[local-name()='line'][@stroke-dasharray]")).hasSize(4);
        assertThat(elements(chart, "//*[local-name()='text']")).extracting(Element::getTextContent)
                .contains("roll back over 5%", "healthy up to 0.5%", "roll back over 2000 ms", "healthy up to 800 ms",
                        "error rate (%)", "p95 latency (ms)", "0 s", "+30 s after the switch");
    }

    @Test
    void shouldShadeEachBreachedOrFailedInterval() throws Exception {
        var rolledBack = parse(WatchChart.svg(WatchSummary.of(WatchReports.rolledBack("nginx access log"))));
        var healthy = parse(WatchChart.svg(WatchSummary.of(WatchReports.healthy())));

        assertThat(elements(rolledBack, "//*[@class='error-rate']/*[local-name()='rect']"))
                .extracting(band -> band.getElementsByTagName("title").item(0).getTextContent())
                .containsExactly("nginx access log +20 s: breach 1/2: error rate 12.00% > 5%",
                        "nginx access log +30 s: breach 2/2: error rate 11.00% > 5%");
        assertThat(elements(healthy, "//*[@class='p95']/*[local-name()='rect']")).hasSize(1);
    }

    /** The page writes the chart unescaped, so a source name must not become markup; XML has no bell character. */
    @Test
    void shouldEscapeEveryTextItCarriesAndBlankControlCharacters() throws Exception {
        var svg = WatchChart.svg(WatchSummary.of(WatchReports.rolledBack("<script>&\"quoted'\u0007 log")));

        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;&amp;&quot;quoted&apos;");
        assertThat(elements(parse(svg), "//*[local-name()='text']")).extracting(Element::getTextContent)
                .contains("<script>&\"quoted'  log");
    }

    private static Document parse(final String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<Element> elements(final Document document, final String xpath) throws Exception {
        var nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
        var elements = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
