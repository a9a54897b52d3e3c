package dev.ovnet.providers.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one strict reader for the files ovnet reads back from itself (the state, a saved plan): Jackson data binding
 * onto records that mirror the file, with every rule a damaged or hand-edited file could break turned into an
 * error that names the field by its path ({@code hosts[3].facts.mtu: must be a whole number, found "big"})
 * instead of a Jackson stack trace. The rules: every field is required unless the writer may leave it out
 * ({@code @JsonInclude(NON_NULL)}, then it reads as null); null only where a record says so
 * ({@code @JsonSetter(nulls = SET)}); no
 * unknown field (a typo would otherwise be lost on the next write); no duplicate field; no coercion (a number is
 * not a string, {@code 1.5} is not a whole number); nothing after the document. Addresses, networks and MACs are
 * strings in planner's own syntax; records check their other values in their constructors and refuse with a
 * {@link Refusal}, so the planner's types stay free of Jackson.
 */
public final class StrictJson {

    /** The mapper every strict file uses, for reading and for writing. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .defaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL))
            .annotationIntrospector(new RequiredUnlessOmitted())
            .addModule(values())
            .build();

    private StrictJson() {
    }

    /**
     * Binds {@code node} to {@code type} by the rules above.
     *
     * @param path where {@code node} is, for messages ({@code readings.node-1}); empty for a whole file
     * @param format the format's name for an unknown field ({@code state format version 1})
     * @throws BadJson naming the field that is missing, mistyped or malformed
     */
    public static <T> T bind(JsonNode node, Class<T> type, String path, String format) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (Refusal e) {
            throw new BadJson(below(path, e.field), e.getMessage());
        } catch (JsonMappingException e) {
            throw located(e, path, format);
        } catch (IOException e) {
            throw new BadJson(path, String.valueOf(e.getMessage()));
        }
    }

    private static BadJson located(JsonMappingException e, String path, String format) {
        String at = path;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null || r.getIndex() >= 0) {
                at = below(at, r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return new BadJson(below(at, refusal.field), refusal.getMessage());
            }
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new BadJson(at, "unknown field (not part of " + format + ")");
        }
        if (e instanceof InvalidNullException) {
            return new BadJson(at, "must not be null");
        }
        String found = found(e.getProcessor() instanceof JsonParser p ? p : null);
        if (e instanceof InvalidTypeIdException t) {
            if (t.getTypeId() == null && !found.equals("an object")) {
                return new BadJson(at, "must be a JSON object, found " + found);
            }
            JsonSubTypes kinds = t.getBaseType().getRawClass().getAnnotation(JsonSubTypes.class);
            String kind = below(at, "kind");
            return t.getTypeId() == null ? new BadJson(kind, "missing") : new BadJson(kind, "\"" + t.getTypeId()
                    + "\" is not one of " + Arrays.stream(kinds.value()).map(JsonSubTypes.Type::name)
                            .collect(Collectors.joining(", ")));
        }
        if (e instanceof MismatchedInputException m) {
            if (String.valueOf(m.getOriginalMessage()).startsWith("Missing required creator property")) {
                return new BadJson(at, "missing");
            }
            Class<?> target = m.getTargetType();
            if (target != null && (Collection.class.isAssignableFrom(target) || target.isArray())) {
                return new BadJson(at, "must be a list, found " + found);
            }
            if (target != null && (Map.class.isAssignableFrom(target) || target.isRecord())) {
                return new BadJson(at, "must be a JSON object, found " + found);
            }
        }
        return new BadJson(at, String.valueOf(e.getOriginalMessage()));
    }

    /** The path of {@code field} (a name or an index) below {@code where}. */
    private static String below(String where, String field) {
        return where.isEmpty() || field.isEmpty() || field.startsWith("[") ? where + field : where + "." + field;
    }

    /** The value the parser stands on, as a message shows it: short, and quoted if a string. */
    private static String found(JsonParser p) {
        JsonToken token = p == null ? null : p.currentToken();
        if (token == null) {
            return "nothing";
        }
        try {
            String text = switch (token) {
                case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
                case START_ARRAY, END_ARRAY -> "a list";
                case VALUE_STRING -> TextNode.valueOf(p.getText()).toString();
                default -> p.getText();
            };
            return text.length() > 40 ? text.substring(0, 40) + "..." : text;
        } catch (IOException e) {
            return "nothing";
        }
    }

    /**
     * A record that checks its values once it is read, by rules the types alone do not say (a host name, an octal
     * mode). Not in the constructor: made from the model, a record must be written as it is, so that the state's
     * writer can refuse what its reader would refuse, naming the field.
     */
    public interface Checked {

        /** @throws Refusal naming the field below this record */
        void check();
    }

    /**
     * A value a record refuses: thrown from {@link Checked#check()} or a value's deserializer, located by Jackson.
     * {@code field} is the part of the path below the record (empty when the value itself is wrong).
     */
    public static final class Refusal extends RuntimeException {

        private final String field;

        public Refusal(String field, String problem) {
            super(problem, null, false, false);
            this.field = field;
        }
    }

    /** {@code parser.apply(text)}, its IllegalArgumentException refused as a problem of {@code field}. */
    public static <T> T parsed(String field, String text, Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new Refusal(field, e.getMessage());
        }
    }

    /** A field that is missing, mistyped or malformed; {@code where} is its path. */
    public static final class BadJson extends IllegalArgumentException {

        private final String where;

        BadJson(String where, String problem) {
            super((where.isEmpty() ? "the file" : where) + ": " + problem);
            this.where = where;
        }

        public String where() {
            return where;
        }
    }

    /**
     * Every property is required, but one the writer leaves out when null ({@code @JsonInclude(NON_NULL)}): that one
     * may be missing, and then, like when it is null, it reads as null.
     */
    private static final class RequiredUnlessOmitted extends JacksonAnnotationIntrospector {

        @Override
        public Boolean hasRequiredMarker(AnnotatedMember member) {
            return !omitted(member);
        }

        @Override
        public JsonSetter.Value findSetterInfo(Annotated member) {
            return omitted(member) ? JsonSetter.Value.forValueNulls(Nulls.SET) : super.findSetterInfo(member);
        }

        private boolean omitted(Annotated member) {
            JsonInclude include = _findAnnotation(member, JsonInclude.class);
            return include != null && include.value() == JsonInclude.Include.NON_NULL;
        }
    }

    /** Strict scalars (no coercion between strings, numbers and booleans) and planner's value types as strings. */
    private static SimpleModule values() {
        SimpleModule module = new SimpleModule("ovnet-strict-values");
        module.addDeserializer(String.class, scalar(JsonToken.VALUE_STRING, "must be a string", JsonParser::getText));
        module.addDeserializer(Integer.class, whole(JsonParser.NumberType.INT, JsonParser::getIntValue));
        module.addDeserializer(int.class, whole(JsonParser.NumberType.INT, JsonParser::getIntValue));
        module.addDeserializer(Long.class, whole(JsonParser.NumberType.LONG, JsonParser::getLongValue));
        module.addDeserializer(long.class, whole(JsonParser.NumberType.LONG, JsonParser::getLongValue));
        Scalar<Boolean> bool = (p) -> p.currentToken() == JsonToken.VALUE_TRUE;
        module.addDeserializer(Boolean.class, new StrictScalar<>(null, "must be true or false", bool));
        module.addDeserializer(boolean.class, new StrictScalar<>(null, "must be true or false", bool));
        text(module, Cidr.class, Cidr::parse);
        text(module, Ipv4.class, Ipv4::parse);
        text(module, Cidr6.class, Cidr6::parse);
        text(module, Ipv6.class, Ipv6::parse);
        text(module, IpAddress.class, IpAddress::parse);
        text(module, IpNetwork.class, IpNetwork::parse);
        text(module, Mac.class, Mac::parse);
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                    JsonDeserializer<?> deserializer) {
                return Checked.class.isAssignableFrom(bean.getBeanClass()) ? new Checking(deserializer) : deserializer;
            }
        });
        return module;
    }

    private static <T> void text(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, ToStringSerializer.instance);
        module.addDeserializer(type, scalar(JsonToken.VALUE_STRING, "must be a string",
                p -> parsed("", p.getText(), parse)));
    }

    private static <T> StrictScalar<T> scalar(JsonToken token, String problem, Scalar<T> value) {
        return new StrictScalar<>(token, problem, value);
    }

    private static <T> StrictScalar<T> whole(JsonParser.NumberType widest, Scalar<T> value) {
        return new StrictScalar<>(JsonToken.VALUE_NUMBER_INT, "must be a whole number", p -> {
            JsonParser.NumberType type = p.getNumberType();
            if (type == JsonParser.NumberType.BIG_INTEGER
                    || (widest == JsonParser.NumberType.INT && type != JsonParser.NumberType.INT)) {
                throw new Refusal("", "must be a whole number, found " + found(p));
            }
            return value.read(p);
        });
    }

    /** Calls {@link Checked#check()} on each record read, so the caller's path locates a refusal. */
    private static final class Checking extends DelegatingDeserializer {

        Checking(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checking(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            ((Checked) value).check();
            return value;
        }
    }

    @FunctionalInterface
    private interface Scalar<T> {
        T read(JsonParser p) throws IOException;
    }

    /** One JSON token type and nothing else; {@code token} null means true or false. */
    private static final class StrictScalar<T> extends JsonDeserializer<T> {

        private final JsonToken token;
        private final String problem;
        private final Scalar<T> value;

        StrictScalar(JsonToken token, String problem, Scalar<T> value) {
            this.token = token;
            this.problem = problem;
            this.value = value;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken at = p.currentToken();
            boolean fits = token == null ? at == JsonToken.VALUE_TRUE || at == JsonToken.VALUE_FALSE : at == token;
            if (!fits) {
                throw new Refusal("", problem + ", found " + found(p));
            }
            return value.read(p);
        }
    }
}
