// Loaded with `node --import` into a host under test, it leaves a promise rejection that nothing
// handles, with a key-shaped string in it, as a bug somewhere in the host would: on SIGUSR2 (a
// server), or once the event loop empties when SWITCHYARD_TEST_STRAY_AT_EXIT is set (a CLI command).
const stray = () => void Promise.reject(new Error('stray failure while using sk-stray0123456789abcdefghijklmnop'));
process.on('SIGUSR2', stray);
if (process.env.SWITCHYARD_TEST_STRAY_AT_EXIT) process.once('beforeExit', stray);
