package dev.ovnet.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * The plan for machines ({@code ovnet plan --json}), documented in docs/json.md. Written as a stream: the
 * changes of one host are produced and written one at a time, so even a plan with millions of peer entries
 * never sits in memory as JSON.
 */
public final class JsonPlan {

    public static final String FORMAT_VERSION = "1.0";

    private JsonPlan() {
    }

    public static void write(Plan plan, Writer writer, String ovnetVersion) {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonGenerator g = new JsonFactory(mapper).createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format_version", FORMAT_VERSION);
            g.writeStringField("ovnet_version", ovnetVersion);
            g.writeStringField("lineage", plan.lineage());
            g.writeNumberField("based_on_serial", plan.basedOnSerial());
            g.writeStringField("config_sha256", plan.configHash());
            g.writeBooleanField("refreshed", plan.refreshed());
            g.writeBooleanField("complete", plan.complete());
            g.writeBooleanField("applyable", plan.hasChanges() && plan.problems().isEmpty());
            g.writeBooleanField("errored", !plan.problems().isEmpty());
            g.writeArrayFieldStart("errors");
            for (HostProblem p : plan.problems()) {
                g.writeStartObject();
                g.writeStringField("host", p.host());
                g.writeStringField("kind", p.kind().word());
                g.writeStringField("detail", p.detail());
                g.writeStringField("hint", p.hint());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("warnings");
            for (String w : plan.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("drift");
            for (HostPlan h : plan.drift()) {
                host(g, h);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("hosts");
            for (HostPlan h : plan.hosts()) {
                host(g, h);
            }
            g.writeEndArray();
            g.writeFieldName("summary");
            summary(g, plan.summary());
            g.writeEndObject();
            g.flush();
            writer.write("\n");
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void host(JsonGenerator g, HostPlan h) throws IOException {
        g.writeStartObject();
        g.writeStringField("host", h.host());
        g.writeStringField("note", h.note());
        g.writeFieldName("summary");
        summary(g, h.summary());
        g.writeArrayFieldStart("changes");
        try {
            h.forEachInApplyOrder(c -> {
                try {
                    change(g, c);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void change(JsonGenerator g, Change c) throws IOException {
        g.writeStartObject();
        g.writeStringField("action", c.action().word());
        g.writeStringField("kind", c.key().kind());
        g.writeStringField("id", c.key().id());
        if (c instanceof Change.Replace r) {
            g.writeStringField("reason", r.reason());
        }
        g.writeFieldName("before");
        object(g, c.before());
        g.writeFieldName("after");
        object(g, c.after());
        g.writeEndObject();
    }

    private static void object(JsonGenerator g, KernelObject o) throws IOException {
        if (o == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, Object> e : ObjectFields.of(o).entrySet()) {
            if (e.getKey().equals("kind") || e.getKey().equals("id")) {
                continue;
            }
            g.writeFieldName(e.getKey());
            g.writeObject(e.getValue());
        }
        g.writeEndObject();
    }

    private static void summary(JsonGenerator g, Summary s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("add", s.add());
        g.writeNumberField("change", s.change());
        g.writeNumberField("destroy", s.destroy());
        g.writeEndObject();
    }
}
