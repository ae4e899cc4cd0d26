<?php
// The ahrefs-filter C ABI from PHP through FFI: the header as the declarations, the cdylib
// as the library, every reply decoded from JSON.
//
//   cargo build --release -p ahrefs-filter-c
//   php -d ffi.enable=1 bindings/c/examples/check.php [path/to/libahrefs_filter_c.so]
//
// bindings/c/test.sh runs it and compares what it prints.

declare(strict_types=1);

final class AhrefsFilterError extends RuntimeException
{
    /** @param array{kind: string, message: string, diagnostics: list<array<string, mixed>>} $error */
    public function __construct(public readonly array $error)
    {
        parent::__construct($error['message']);
    }
}

final class AhrefsFilter
{
    private FFI $ffi;

    public function __construct(string $header, string $library)
    {
        // FFI::cdef reads declarations, not the preprocessor: drop the C++ guard block, the
        // include guard and the includes (FFI knows the stdint types).
        $decls = preg_replace('/^#ifdef __cplusplus.*?^#endif.*?$/ms', '', file_get_contents($header));
        $decls = preg_replace('/^#.*$/m', '', $decls);
        $this->ffi = FFI::cdef($decls, $library);
    }

    /** Calls `ahrefs_filter_$name`, frees its reply and decodes it; an error reply throws. */
    private function call(string $name, mixed ...$args): mixed
    {
        $reply = $this->ffi->{"ahrefs_filter_$name"}(...$args);
        try {
            $json = FFI::string($reply);
        } finally {
            $this->ffi->ahrefs_filter_free($reply);
        }
        $value = json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        if (is_array($value) && array_key_exists('error', $value)) {
            throw new AhrefsFilterError($value['error']);
        }
        return $value;
    }

    private static function options(array $options): ?string
    {
        return $options === [] ? null : json_encode($options, JSON_THROW_ON_ERROR);
    }

    public function check(string $table, ?string $where = null, ?string $having = null, array $options = []): array
    {
        return $this->call('check', $table, $where, $having, self::options($options));
    }

    public function fix(string $table, ?string $where = null, ?string $having = null, array $options = []): array
    {
        return $this->call('fix', $table, $where, $having, self::options($options));
    }

    public function format(string $filter): string
    {
        return $this->call('format', $filter);
    }

    public function parse(string $filter): array
    {
        return $this->call('parse', $filter);
    }

    public function lintUrl(string $url, array $options = []): array
    {
        return $this->call('lint_url', $url, self::options($options));
    }

    /** @param list<string> $urls */
    public function lintUrls(array $urls, array $options = []): array
    {
        return $this->call('lint_urls', json_encode($urls, JSON_THROW_ON_ERROR), self::options($options));
    }

    public function cost(string $table, int $rows, ?string $where = null, ?string $having = null, array $options = []): array
    {
        return $this->call('cost', $table, $rows, $where, $having, self::options($options));
    }

    public function tables(array $options = []): array
    {
        return $this->call('tables', self::options($options));
    }

    public function table(string $name, array $options = []): array
    {
        return $this->call('table', $name, self::options($options));
    }
}

$root = dirname(__DIR__);
$library = $argv[1] ?? dirname($root, 2) . '/target/release/libahrefs_filter_c.so';
$filter = new AhrefsFilter("$root/include/ahrefs_filter.h", $library);

// A having-only column in where.
$report = $filter->check('backlinks_one_per_domain', 'domain_rating>30');
foreach ($report['diagnostics'] as $d) {
    echo "{$d['severity']}[{$d['code']}]: {$d['message']}\n";
    echo "  help: {$d['help']}\n";
}

// Spans count bytes, as PHP's substr does.
$where = 'anchor="é😀",nope=1';
$d = $filter->check('anchors', $where)['diagnostics'][0];
$span = $d['span'];
echo "{$d['code']} at bytes {$span['start']}..{$span['end']}: " . substr($where, $span['start'], $span['end'] - $span['start']) . "\n";

$fixed = $filter->fix('backlinks_one_per_domain', 'domain_rating>30, anchor=seo');
echo "fixed ({$fixed['applied']} fixes): where {$fixed['where']}, having {$fixed['having']}\n";

echo 'canonical: ' . $filter->format('ahrefs_rank > 007 , type:"lost"') . "\n";
try {
    $filter->format('ahrefs_rank!=1');
} catch (AhrefsFilterError $e) {
    echo "{$e->error['kind']} error: {$e->getMessage()}; help: {$e->error['diagnostics'][0]['help']}\n";
}

echo 'parse: ' . count($filter->parse('gov=true,ahrefs_rank>10')['conditions']) . " conditions\n";

$url = $filter->lintUrl('https://apiv2.ahrefs.com/?token=0123abcd&from=refdomains&target=ahrefs.com&mode=domian');
echo "url: {$url['url']}\n";
foreach ($url['diagnostics'] as $d) {
    echo "  {$d['code']}: {$d['message']}\n";
}

$reports = $filter->lintUrls(['from=pages', 'from=refdomains&target=a.com&mode=exact']);
echo 'batch: ' . implode(', ', array_map(fn($r) => count($r['diagnostics']) . ' diagnostics', $reports)) . "\n";

$cost = $filter->cost('backlinks_one_per_domain', 1000, 'ahrefs_rank>10', 'domain_rating>30');
echo "cost: {$cost['total']} rows\n";

echo 'tables: ' . count($filter->tables()['tables']) . "\n";
$columns = $filter->table('refdomains')['tables']['refdomains']['columns'];
echo 'refdomains.domain_rating: ' . $columns['domain_rating']['type'] . ', having only: '
    . var_export(!$columns['domain_rating']['where'] && $columns['domain_rating']['having'], true) . "\n";

$quiet = $filter->check('backlinks', 'ahrefs_rank>10,ahrefs_rank>10', null, ['no_lint' => ['duplicate']]);
echo 'with no_lint: ' . count($quiet['diagnostics']) . " diagnostics\n";
