// A peer for peers.py: Lucene 8 (Debian liblucene8-java) with its GermanAnalyzer (German stop
// words, light stemming, umlaut folding), BM25, title and body, the query parser's default OR.
//
// usage: java -cp CLASSPATH LucenePeer DOCS.tsv QUERIES.txt INDEX_DIR > RANKED.txt
//   DOCS.tsv     path<TAB>title<TAB>body per line (no tabs or newlines inside)
//   QUERIES.txt  one query per line (words only)
//   RANKED.txt   per query one line: the top 10 paths, tab-separated
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;

public class LucenePeer {
    public static void main(String[] args) throws Exception {
        Analyzer analyzer = new GermanAnalyzer();
        FSDirectory dir = FSDirectory.open(Paths.get(args[2]));
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer));
             BufferedReader docs = Files.newBufferedReader(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = docs.readLine()) != null) {
                String[] f = line.split("\t", -1);
                Document d = new Document();
                d.add(new StringField("path", f[0], Field.Store.YES));
                d.add(new TextField("title", f[1], Field.Store.NO));
                d.add(new TextField("body", f[2], Field.Store.NO));
                writer.addDocument(d);
            }
        }
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
        MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {"title", "body"}, analyzer);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        for (String q : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            StringBuilder ranked = new StringBuilder();
            if (!q.isBlank()) {
                Query query = parser.parse(QueryParser.escape(q));
                for (ScoreDoc hit : searcher.search(query, 10).scoreDocs) {
                    if (ranked.length() > 0) ranked.append('\t');
                    ranked.append(searcher.doc(hit.doc).get("path"));
                }
            }
            out.println(ranked);
        }
        out.flush();
    }
}
