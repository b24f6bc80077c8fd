/**
 * The floor for a helper's cold start: a bare Node process that answers every chunk it reads on
 * stdin with one JSON-RPC line — nothing loaded, nothing parsed. Bundled like the helper.
 */
process.stdin.on('data', () => process.stdout.write('{"jsonrpc":"2.0","id":0,"result":{}}\n'));
process.stdin.on('end', () => process.exit(0));
