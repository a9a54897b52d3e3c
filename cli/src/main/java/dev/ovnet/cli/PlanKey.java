package dev.ovnet.cli;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that binds a saved plan to whoever made it ({@code OVNET_PLAN_KEY}). A plan's checksum only tells
 * that the plan computed again is the saved one; anyone who can write the file can change its readings and
 * compute it again. With a key, {@code plan -out} adds an HMAC-SHA256 of the plan's content, which only a holder
 * of the key can make, and {@code apply PLANFILE} refuses a plan whose HMAC is missing or wrong. For plans
 * passed between CI jobs: give the key, as a secret, to the jobs that run ovnet and to no one else.
 */
final class PlanKey {

    static final String ENV = "OVNET_PLAN_KEY";
    /** Shorter keys can be guessed from a plan file by trying them. */
    static final int MIN_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private PlanKey(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The key from {@code env}, or empty when the variable is not set; a key too short to be safe is refused. */
    static Optional<PlanKey> from(Map<String, String> env) {
        String secret = env.get(ENV);
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.length() < MIN_LENGTH) {
            throw new PlanFileException(ENV + " is set but holds " + secret.length() + " characters, fewer than "
                    + MIN_LENGTH + ": a short key can be found from a plan file by trying keys",
                    "set it to a long random secret, e.g. the output of 'openssl rand -hex 32', or unset it");
        }
        return Optional.of(new PlanKey(secret));
    }

    /** The HMAC-SHA256 of {@code content}, in hex. */
    String sign(byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code hmac} is the HMAC of {@code content}; compared in constant time. */
    boolean signed(byte[] content, String hmac) {
        return MessageDigest.isEqual(sign(content).getBytes(StandardCharsets.US_ASCII),
                hmac.getBytes(StandardCharsets.US_ASCII));
    }
}
