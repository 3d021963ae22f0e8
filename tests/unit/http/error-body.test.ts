import { describe, expect, it } from 'vitest';
import { readableErrorBody } from '../../../electron/http/client';

describe('the readable part of an error body', () => {
  it('takes the message and code of the usual JSON shapes', () => {
    expect(
      readableErrorBody('{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}'),
    ).toBe('Incorrect API key provided. (invalid_api_key)');
    expect(readableErrorBody('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe(
      'Overloaded (overloaded_error)',
    );
    expect(readableErrorBody('{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}}')).toBe(
      'API key not valid. (INVALID_ARGUMENT)',
    );
    expect(readableErrorBody('{"error":"model \\"llama9\\" not found"}')).toBe('model "llama9" not found');
    expect(readableErrorBody('{"error":"invalid_grant","error_description":"Token has been expired or revoked."}')).toBe(
      'Token has been expired or revoked. (invalid_grant)',
    );
    expect(readableErrorBody('{"message":"The security token included in the request is invalid."}')).toBe(
      'The security token included in the request is invalid.',
    );
  });

  it('keeps anything else as it came', () => {
    expect(readableErrorBody('<html>Bad Gateway</html>')).toBe('<html>Bad Gateway</html>');
    expect(readableErrorBody('  upstream timeout \n')).toBe('upstream timeout');
    expect(readableErrorBody('{"detail":"Not Found"}')).toBe('{"detail":"Not Found"}');
    expect(readableErrorBody('{not json')).toBe('{not json');
  });
});
