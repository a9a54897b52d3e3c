package dev.ovnet.providers.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Identity files (ed25519, RSA, ECDSA; OpenSSH or PEM format), each read and decrypted once per ovnet command
 * even when many hosts use it, so a passphrase is asked for at most once. The passphrase comes from
 * {@code OVNET_SSH_PASSPHRASE}, then from the {@link PassphrasePrompt} (up to three tries); it is wiped after use
 * and never appears in a message.
 */
final class IdentityKeys {

    static final String PASSPHRASE_VARIABLE = "OVNET_SSH_PASSPHRASE";
    private static final int PROMPT_TRIES = 3;

    private final Config config;
    private final Map<String, String> env;
    private final PassphrasePrompt prompt;
    private final Map<Path, KeyPair> loaded = new HashMap<>();

    IdentityKeys(Config config, Map<String, String> env, PassphrasePrompt prompt) {
        this.config = config;
        this.env = env;
        this.prompt = prompt;
    }

    /** The key pair in {@code file}, or empty when the file does not exist; throws when it cannot be used. */
    synchronized Optional<KeyPair> load(Path file, String host, String where) {
        KeyPair cached = loaded.get(file);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Finder finder = new Finder(file.toString());
        try {
            KeyFormat format = KeyProviderUtil.detectKeyFileFormat(file.toFile());
            FileKeyProvider provider = Factory.Named.Util.create(config.getFileKeyProviderFactories(),
                    format.toString());
            if (provider == null) {
                throw new IOException("its format (" + format + ") is not a private key format ovnet reads");
            }
            provider.init(file.toFile(), finder);
            KeyPair pair = new KeyPair(provider.getPublic(), provider.getPrivate());
            loaded.put(file, pair);
            return Optional.of(pair);
        } catch (IOException | RuntimeException e) {
            throw new SshHostException(host, where + ": cannot use the identity file " + file + ": "
                    + finder.explain(e), finder.asked
                    ? "set " + PASSPHRASE_VARIABLE + " to the key's passphrase, run ovnet on a terminal to be"
                            + " asked for it, or load the key into ssh-agent"
                    : "point ssh.identityFile at an OpenSSH private key (ssh-keygen -t ed25519 makes one)");
        } finally {
            finder.wipe();
        }
    }

    /** Hands sshj the passphrase: the environment's first, then the prompt's, never null (sshj cannot take it). */
    private final class Finder implements PasswordFinder {

        private final String file;
        private boolean asked;
        private boolean envUsed;
        private int promptTries;
        private boolean promptAnswered;
        private char[] last;

        Finder(String file) {
            this.file = file;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            asked = true;
            wipe();
            String fromEnv = env.get(PASSPHRASE_VARIABLE);
            if (!envUsed && fromEnv != null) {
                envUsed = true;
                last = fromEnv.toCharArray();
            } else {
                promptTries++;
                char[] answer = prompt.passphrase(file, promptTries);
                promptAnswered = answer != null;
                last = answer != null ? answer : new char[0];
            }
            return last;
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            if (promptTries == 0) {
                return prompt != PassphrasePrompt.NONE;
            }
            return promptAnswered && promptTries < PROMPT_TRIES;
        }

        String explain(Exception e) {
            if (!asked) {
                return String.valueOf(e.getMessage());
            }
            if (!envUsed && !promptAnswered) {
                return "it is encrypted and no passphrase was given";
            }
            return "wrong passphrase" + (envUsed && promptTries == 0 ? " in " + PASSPHRASE_VARIABLE : "");
        }

        void wipe() {
            if (last != null) {
                Arrays.fill(last, '\0');
                last = null;
            }
        }
    }
}
