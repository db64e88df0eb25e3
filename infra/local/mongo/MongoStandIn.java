import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The native stack's MongoDB: mongo-java-server speaking the MongoDB wire protocol, its data in
 * one H2 MVStore file so that notifications survive a stack restart.
 *
 * Run with Java's single-file source launcher:
 *   java -cp "<jars>/*" MongoStandIn.java <host> <port> <dataDirectory>
 */
public final class MongoStandIn {
    /**
     * mongo-java-server 1.47.0 reports wire version 8 even as "5.0", and the mongodb 7 driver
     * refuses anything below 9 (MongoDB 4.4). The version is only reported (no behaviour depends
     * on it), so the stand-in announces the lowest version the driver accepts.
     */
    private static final class ReportedVersion implements MongoVersion {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 4, 0);
        }

        @Override
        public int getWireVersion() {
            return 9;
        }
    }

    /**
     * mongo-java-server uses an index only for a query on exactly the index's fields: `{_id, status}`
     * (a conditional update, as the notification store's claims are) scanned the whole collection,
     * about 4 ms of CPU at 6,000 notifications and growing with them, where MongoDB looks the id up.
     * This collection finds a query's `_id` (a plain value) through the id index first, then
     * filters those documents with the whole query, as the library does for the queries it plans.
     */
    private static final class IdLookupCollection extends H2Collection {
        IdLookupCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> documents,
                MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, documents, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
            Object id = query.get("_id");
            if (query.size() > 1 && id != null && !(id instanceof Document)) {
                Document byId = new Document("_id", id);
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize, projection);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
        }
    }

    /** H2Database with IdLookupCollection; the maps are named as H2Database names them, so existing data opens. */
    private static final class IdLookupDatabase extends H2Database {
        /**
         * The process's one store. Static, not a field: the superclasses' constructors already open
         * databases and collections (through these overrides), before any field could be set.
         */
        private static MVStore store;

        IdLookupDatabase(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(name);
            MVMap<Object, Document> documents = store.openMap("databases." + namespace);
            MVMap<String, Object> meta = store.openMap("meta." + namespace);
            return new IdLookupCollection(this, name, options, documents, meta, cursorRegistry);
        }
    }

    private static final class IdLookupBackend extends H2Backend {
        private IdLookupBackend(MVStore store) {
            super(store);
        }

        /** The store as H2Backend(String) opens it, known to IdLookupDatabase before any database opens. */
        static IdLookupBackend open(String file) {
            IdLookupDatabase.store = MVStore.open(file);
            return new IdLookupBackend(IdLookupDatabase.store);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String name) {
            return new IdLookupDatabase(name, getMvStore(), getCursorRegistry());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MongoStandIn <host> <port> <dataDirectory>");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path dataDirectory = Path.of(args[2]);
        Files.createDirectories(dataDirectory);

        H2Backend backend = IdLookupBackend.open(dataDirectory.resolve("mongo.mv").toString());
        backend.version(new ReportedVersion());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (Exception error) {
            // Netty keeps its threads alive after a failed bind, so the process would hang; stop
            // instead, with the address in the message (stack:up names the variable that moves it).
            System.err.println("MongoDB stand-in cannot listen on " + host + ":" + port + ": " + error.getMessage());
            server.shutdownNow();
            System.exit(1);
        }
        System.out.println("MongoDB stand-in listening on " + host + ":" + port + ", data in " + dataDirectory);

        // SIGTERM runs this: shutdownNow also closes the backend, which commits the last writes
        // to the file (the store otherwise commits about every second).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            System.out.println("MongoDB stand-in stopped");
        }));
    }
}
