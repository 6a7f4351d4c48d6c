package dev.triage.agent.api.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON document against the shape of the config records before Jackson binds it, so that
 * every unknown field, wrong type and duplicate field is reported at once with its path, line and
 * column (Jackson stops at the first). {@code null} counts as an omitted field, but not as an entry
 * of an array. Malformed JSON stops the walk where it is found.
 */
final class JsonShape {

    static final String ROOT = "$";
    private static final int MAX_SHOWN_CHARS = 60;

    private final List<ConfigError> errors = new ArrayList<>();
    private final JsonParser parser;

    private JsonShape(JsonParser parser) {
        this.parser = parser;
    }

    /** Every shape problem of {@code json} read as {@code type}; empty when Jackson can bind it. */
    static List<ConfigError> check(JsonFactory factory, byte[] json, Class<?> type) {
        try (JsonParser parser = factory.createParser(json)) {
            JsonShape shape = new JsonShape(parser);
            shape.document(type);
            return List.copyOf(shape.errors);
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory failed", e);
        }
    }

    private void document(Class<?> type) throws IOException {
        try {
            if (parser.nextToken() == null) {
                add(ROOT, "an empty document", "a JSON object");
                return;
            }
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                add(ROOT, "null", "a JSON object");
                return;
            }
            value(ROOT, type);
            if (parser.nextToken() != null) {
                add(ROOT, "more content after the config" + at(parser.currentTokenLocation()), "one JSON object");
            }
        } catch (JsonProcessingException e) {
            errors.add(new ConfigError(pathOf(parser), brief(e) + at(e.getLocation()), "well-formed JSON"));
        }
    }

    private void value(String path, Type type) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            if (token == JsonToken.START_OBJECT) {
                object(path, raw);
            } else {
                mismatch(path, "an object");
            }
        } else if (List.class.isAssignableFrom(raw)) {
            if (token == JsonToken.START_ARRAY) {
                array(path, ((ParameterizedType) type).getActualTypeArguments()[0]);
            } else {
                mismatch(path, "an array");
            }
        } else {
            scalar(path, raw, token);
        }
    }

    private void object(String path, Class<?> record) throws IOException {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            fields.put(component.getName(), component.getGenericType());
        }
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String fieldPath = ROOT.equals(path) ? name : path + "." + name;
            JsonLocation location = parser.currentTokenLocation();
            parser.nextToken();
            Type fieldType = fields.get(name);
            if (fieldType == null) {
                add(fieldPath, "unknown field" + at(location), "one of " + String.join(", ", fields.keySet()));
                parser.skipChildren();
            } else if (!seen.add(name)) {
                add(fieldPath, "a second value" + at(location), "each field once");
                parser.skipChildren();
            } else {
                value(fieldPath, fieldType);
            }
        }
    }

    private void array(String path, Type elementType) throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String elementPath = path + "[" + index++ + "]";
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                mismatch(elementPath, expected(raw(elementType)));
            } else {
                value(elementPath, elementType);
            }
        }
    }

    private void scalar(String path, Class<?> type, JsonToken token) throws IOException {
        boolean fits = switch (expected(type)) {
            case "a string" -> token == JsonToken.VALUE_STRING;
            case "true or false" -> token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
            case "a number" -> token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
            default -> token == JsonToken.VALUE_NUMBER_INT && fitsInteger(type);
        };
        if (!fits) {
            mismatch(path, expected(type));
        }
    }

    private boolean fitsInteger(Class<?> type) throws IOException {
        JsonParser.NumberType number = parser.getNumberType();
        if (type == int.class || type == Integer.class) {
            return number == JsonParser.NumberType.INT;
        }
        return number == JsonParser.NumberType.INT || number == JsonParser.NumberType.LONG;
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class) {
            return "an integer (32-bit)";
        }
        if (type == long.class || type == Long.class) {
            return "an integer";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isRecord()) {
            return "an object";
        }
        throw new IllegalStateException("no JSON shape for " + type);
    }

    private void mismatch(String path, String expected) throws IOException {
        JsonLocation location = parser.currentTokenLocation();
        add(path, shown(parser) + at(location), expected);
        parser.skipChildren();
    }

    private void add(String field, String value, String expected) {
        errors.add(new ConfigError(field, value, expected));
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("no JSON shape for " + type);
    }

    private static String shown(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> {
                String text = parser.getText();
                yield '"' + (text.length() > MAX_SHOWN_CHARS ? text.substring(0, MAX_SHOWN_CHARS) + "..." : text) + '"';
            }
            default -> parser.getText();
        };
    }

    /** The path of the parser's position, e.g. {@code listeners[0].rules[2]}. */
    private static String pathOf(JsonParser parser) {
        List<String> parts = new ArrayList<>();
        for (var context = parser.getParsingContext();
                context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inArray() && context.getCurrentIndex() >= 0) {
                parts.addFirst("[" + context.getCurrentIndex() + "]");
            } else if (context.inObject() && context.getCurrentName() != null) {
                parts.addFirst("." + context.getCurrentName());
            }
        }
        String path = String.join("", parts);
        path = path.startsWith(".") ? path.substring(1) : path;
        return path.isEmpty() ? ROOT : path;
    }

    /** Turns an exception from binding (after a clean shape check) into an error with its path. */
    static ConfigError fromBinding(JsonProcessingException e) {
        String path = ROOT;
        if (e instanceof JsonMappingException mapping) {
            StringBuilder builder = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    builder.append(builder.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    builder.append('[').append(reference.getIndex()).append(']');
                }
            }
            path = builder.isEmpty() ? ROOT : builder.toString();
        }
        return new ConfigError(path, brief(e) + at(e.getLocation()), "a value this field accepts");
    }

    private static String brief(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
