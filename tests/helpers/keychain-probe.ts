// Runs one keychain call in a child process and prints the outcome as JSON (for the no-D-Bus test).
import { KeytarStore } from '../../electron/secrets/keychain';

const started = Date.now();
try {
  await new KeytarStore('Switchyard-test-nodbus', Number(process.argv[2] ?? 2000)).get('probe');
  console.log(JSON.stringify({ ok: true, ms: Date.now() - started }));
} catch (error) {
  console.log(
    JSON.stringify({ ok: false, code: (error as { code?: string }).code, message: (error as Error).message, ms: Date.now() - started }),
  );
}
process.exit(0);
