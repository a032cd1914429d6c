package dev.vigil.cib.crmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.cib.xml.XmlElement;
import dev.vigil.cib.xml.XmlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every CIB of the scheduler corpus survives the crm shell language: rendering its configuration
 * and replacing the configuration with that text gives the same configuration (ids included),
 * rendering is stable, and parsing the text on its own (fresh ids) renders to the same text.
 */
class CorpusRoundTripTest {
    @Test
    void everyCorpusConfigurationSurvivesRenderAndReplace() throws Exception {
        Path cases = Corpus.cases();
        assumeTrue(cases != null, "../shared/conformance/scheduler not found beside the checkout");
        List<String> failures = new ArrayList<>();
        int files = 0;
        int statements = 0;
        int xmlStatements = 0;
        for (Path file : Corpus.files(cases)) {
            XmlElement cib;
            try {
                cib = XmlParser.parse(file);
            } catch (Exception e) {
                continue;
            }
            files++;
            String text = CrmConfiguration.render(cib);
            for (String line : text.split("\n")) {
                if (!line.startsWith("\t") && !line.startsWith("#") && !line.startsWith(" ") && !line.startsWith("<")
                        && !line.isEmpty()) {
                    statements++;
                    xmlStatements += line.startsWith("xml ") ? 1 : 0;
                }
            }
            try {
                XmlElement back = CrmConfiguration.replace(cib, text, file.getFileName().toString());
                String want = Corpus.canonical(cib.element("configuration"));
                String got = Corpus.canonical(back.element("configuration"));
                if (!want.equals(got)) {
                    failures.add(file.getFileName() + ": configuration differs\n" + firstDifference(want, got));
                    continue;
                }
                String again = CrmConfiguration.render(back);
                if (!again.equals(text)) {
                    failures.add(file.getFileName() + ": rendering is not stable");
                    continue;
                }
                String fresh = CrmConfiguration.render(CrmConfiguration.parse(text, file.getFileName().toString()));
                if (!fresh.equals(text.replaceAll("(?m)^ms (\\S+) (\\S+)", "clone $1 $2"))) {
                    failures.add(file.getFileName() + ": parsing without the old ids does not give the same text");
                }
            } catch (CrmSyntaxException e) {
                failures.add(file.getFileName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        System.out.printf("crmsh round trip: %d corpus CIBs, %d statements (%d as xml), %d failures%n", files,
                statements, xmlStatements, failures.size());
        failures.stream().limit(15).forEach(System.out::println);
        assertTrue(files > 400, "only " + files + " corpus files read");
        assertEquals(List.of(), failures.size() > 15 ? failures.subList(0, 15) : failures);
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n");
        String[] y = b.split("\n");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return "  want: " + x[i].strip() + "\n  got:  " + y[i].strip();
            }
        }
        return "  lengths " + x.length + " vs " + y.length;
    }
}
