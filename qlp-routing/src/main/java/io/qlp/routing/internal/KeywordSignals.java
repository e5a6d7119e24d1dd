package io.qlp.routing.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds algorithmic, concurrency, security and persistence terms in a text. The vocabulary is indexed once, by
 * first word, so a search is one pass over the words with hash lookups and no regular expression. Every term has
 * several forms ("parse", "parser", "parsing" are the term {@code parser}); a form is a word, a phrase of words
 * ("dynamic programming"), or a stem ending in {@code *} ("encrypt*"). The longest phrase at a position wins.
 *
 * <p>Example: {@code KeywordSignals.standard().find("a thread-safe LRU cache")} finds {@code thread} for
 * concurrency and {@code cache} for persistence.
 */
public final class KeywordSignals {

    private static final KeywordSignals STANDARD = new KeywordSignals(standardTerms());

    private final Map<String, List<Phrase>> phrasesByFirstWord = new HashMap<>();
    private final List<Stem> stems = new ArrayList<>();

    /**
     * One term of the vocabulary.
     *
     * @param signal the signal the term raises
     * @param name the term's name, reported once however many forms appear
     * @param forms comma-separated words, phrases and {@code *}-stems, in lower case
     */
    record Term(Signal signal, String name, String forms) {
    }

    private record Phrase(List<String> words, Term term) {
    }

    private record Stem(String prefix, Term term) {
    }

    KeywordSignals(List<Term> terms) {
        Map<String, Term> seen = new HashMap<>();
        for (Term term : terms) {
            for (String rawForm : term.forms().split(",")) {
                String form = rawForm.trim();
                Term previous = seen.putIfAbsent(form, term);
                if (form.isEmpty() || previous != null) {
                    throw new IllegalArgumentException("term '" + term.name() + "' has an empty or repeated form '"
                            + form + "'" + (previous == null ? "" : ", already in '" + previous.name() + "'"));
                }
                if (form.endsWith("*")) {
                    stems.add(new Stem(form.substring(0, form.length() - 1), term));
                } else {
                    List<String> words = List.of(form.split(" "));
                    phrasesByFirstWord.computeIfAbsent(words.get(0), first -> new ArrayList<>())
                            .add(new Phrase(words, term));
                }
            }
        }
        // Longest phrases first, so "thread pool" wins over "thread".
        phrasesByFirstWord.values().forEach(list -> list.sort((a, b) -> b.words().size() - a.words().size()));
    }

    /** The shared instance with the built-in vocabulary. */
    public static KeywordSignals standard() {
        return STANDARD;
    }

    /** The distinct terms found in {@code text}, per signal, in order of first appearance. */
    public Map<Signal, Set<String>> find(CharSequence text) {
        return find(Words.of(text));
    }

    /** The distinct terms found in {@code words}, per signal, in order of first appearance. */
    public Map<Signal, Set<String>> find(Words words) {
        Map<Signal, Set<String>> found = new EnumMap<>(Signal.class);
        int index = 0;
        while (index < words.size()) {
            Phrase phrase = phraseAt(words, index);
            @Nullable Term term = phrase != null ? phrase.term() : stemOf(words.get(index));
            if (term != null) {
                found.computeIfAbsent(term.signal(), signal -> new LinkedHashSet<>()).add(term.name());
            }
            index += phrase != null ? phrase.words().size() : 1;
        }
        return found;
    }

    private @Nullable Phrase phraseAt(Words words, int index) {
        for (Phrase phrase : phrasesByFirstWord.getOrDefault(words.get(index), List.of())) {
            if (matches(phrase, words, index)) {
                return phrase;
            }
        }
        return null;
    }

    private static boolean matches(Phrase phrase, Words words, int index) {
        int last = index + phrase.words().size() - 1;
        if (last >= words.size() || !words.unbroken(index, last)) {
            return false;
        }
        for (int offset = 1; offset < phrase.words().size(); offset++) {
            if (!phrase.words().get(offset).equals(words.get(index + offset))) {
                return false;
            }
        }
        return true;
    }

    private @Nullable Term stemOf(String word) {
        for (Stem stem : stems) {
            if (word.startsWith(stem.prefix())) {
                return stem.term();
            }
        }
        return null;
    }

    private static List<Term> standardTerms() {
        List<Term> terms = new ArrayList<>();
        Signal a = Signal.ALGORITHMIC;
        add(terms, a, "dynamic programming", "dynamic programming, memoi*");
        add(terms, a, "abstract syntax tree", "abstract syntax tree, abstract syntax trees, ast");
        add(terms, a, "graph", "graph, graphs, vertex, vertices, edges");
        add(terms, a, "tree", "tree, trees, heap, heaps, trie");
        add(terms, a, "shortest path", "shortest path, shortest paths, dijkstra, bellman ford, topological sort, "
                + "topological sorting");
        add(terms, a, "search algorithm", "binary search, breadth first, depth first, bfs, dfs, backtrack*");
        add(terms, a, "parser", "parse, parses, parsed, parser, parsers, parsing");
        add(terms, a, "compiler", "compile, compiles, compiled, compiler, compilers, compiling, compilation, "
                + "transpil*, bytecode");
        add(terms, a, "interpreter", "interpreter, interpreters, evaluate expressions, expression evaluator");
        add(terms, a, "program analysis", "type checker, type checking, dataflow, data flow, control flow, "
                + "taint tracking, constraint propagation, operational transformation, query planner");
        add(terms, a, "tokenizer", "tokeni*, lexer, lexers, lexing, grammar, grammars");
        add(terms, a, "optimize", "optimize, optimizes, optimized, optimizer, optimizing, optimization, "
                + "optimizations, optimise, optimises, optimised, optimiser, optimising, optimisation, optimal");
        add(terms, a, "sort", "sort, sorts, sorted, sorting");
        add(terms, a, "recursion", "recursion, recursive, recursively");
        add(terms, a, "regex", "regex, regexes, regexp, regular expression, regular expressions");
        add(terms, a, "matrix", "matrix, matrices");
        add(terms, a, "state machine", "state machine, state machines, automaton, automata");
        add(terms, a, "heuristic", "heuristic, heuristics, knapsack, traveling salesman, travelling salesman, "
                + "np hard, np complete");
        add(terms, a, "algorithm", "algorithm, algorithms, algorithmic");

        Signal c = Signal.CONCURRENCY;
        add(terms, c, "race condition", "race condition, race conditions");
        add(terms, c, "thread", "thread, threads, threaded, threading, multithread*");
        add(terms, c, "concurrent", "concurrent, concurrency, concurrently");
        add(terms, c, "async", "async, asynchronous, asynchronously, await, non blocking, event loop");
        add(terms, c, "lock", "lock, locks, locked, locking");
        add(terms, c, "mutex", "mutex, mutexes, semaphore, semaphores");
        add(terms, c, "deadlock", "deadlock, deadlocks, livelock, livelocks, starvation");
        add(terms, c, "parallel", "parallel, parallelism, parallelize, parallelise, parallelized, parallelised");
        add(terms, c, "atomic", "atomic, atomically, atomicity, compare and swap");
        add(terms, c, "synchronize", "synchronize, synchronized, synchronizes, synchronizing, synchronization, "
                + "synchronise, synchronised, synchronisation, volatile");
        add(terms, c, "executor", "executor, executors, executorservice, thread pool, thread pools, worker pool, "
                + "coroutine, coroutines, goroutine, goroutines, completablefuture");
        add(terms, c, "distributed", "distributed, message queue, message queues, kafka, rabbitmq, pub sub, cluster, "
                + "clusters, microservice, microservices, peer to peer, websocket, websockets");
        add(terms, c, "consensus", "consensus, raft, paxos, leader election, replication, replicated, replica, "
                + "replicas, network partition, network partitions, linearizab*, lock free, wait free");

        Signal s = Signal.SECURITY;
        add(terms, s, "authentication", "auth, authenticat*, login, log in, sign in, signin, single sign on, sso, "
                + "saml");
        add(terms, s, "authorization", "authori*, access control, rbac, permission, permissions");
        add(terms, s, "oauth", "oauth, oauth2, openid, oidc");
        add(terms, s, "encryption", "encrypt*, decrypt*, cipher*, aes, rsa");
        add(terms, s, "token", "token, tokens, jwt, jwts, api key, api keys, bearer");
        add(terms, s, "password", "password, passwords, bcrypt, argon2, scrypt, pbkdf2");
        add(terms, s, "signature", "signature, signatures, hmac, sha 256, sha256, sha 512, sha512");
        add(terms, s, "tls", "tls, ssl, https, certificate, certificates");
        add(terms, s, "injection", "injection, injections, sql injection, xss, csrf, saniti*");
        add(terms, s, "secret", "secret, secrets, credential, credentials, vault");
        add(terms, s, "security", "secure, securely, security, vulnerab*");

        Signal p = Signal.PERSISTENCE;
        add(terms, p, "database", "database, databases, db, rdbms");
        add(terms, p, "sql", "sql, mysql, postgres, postgresql, sqlite");
        add(terms, p, "orm", "orm, jdbc, jpa, hibernate, sqlalchemy, prisma");
        add(terms, p, "transaction", "transaction, transactions, transactional, acid, rollback");
        add(terms, p, "cache", "cache, caches, cached, caching, redis, memcached");
        add(terms, p, "persistence", "persist, persists, persisted, persisting, persistent, persistence, durable, "
                + "durability");
        add(terms, p, "nosql", "nosql, mongo, mongodb, cassandra, dynamodb, key value store");
        add(terms, p, "schema", "schema, schemas, migration, migrations");
        add(terms, p, "storage engine", "storage engine, write ahead log, wal, event sourcing, ledger, snapshots, "
                + "crash recovery");
        return List.copyOf(terms);
    }

    private static void add(List<Term> terms, Signal signal, String name, String forms) {
        terms.add(new Term(signal, name, forms));
    }
}
