import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectNewline } from '../../../src/features/leads/delimiter';

describe('detectDelimiter', () => {
  it.each([
    [',', 'email,first,last\na@x.io,A,B\nc@x.io,C,D\n'],
    [';', 'email;first;last\na@x.io;A;B\nc@x.io;"C, Jr";D\n'],
    ['\t', 'email\tfirst\tlast\na@x.io\tA\tB\n'],
    ['|', 'email|first|last\na@x.io|A|B\n'],
  ])('finds %j', (d, text) => expect(detectDelimiter(text)).toBe(d));

  it('is not fooled by commas inside quoted values of a semicolon file', () => {
    const text = 'Name;Company;Email\n"Doe, Jane";"Acme, Inc.";jane@acme.com\n"Roe, Rich";"Foo, Ltd";rich@foo.com\n';
    expect(detectDelimiter(text)).toBe(';');
  });
  it('prefers the delimiter that gives a consistent column count', () => {
    const text = 'a;b,c;d\n1;2,3;4\n5;6,7;8\n9;10;11\n';
    expect(detectDelimiter(text)).toBe(';');
  });
  it('defaults to a comma for a single column', () => {
    expect(detectDelimiter('email\na@x.io\nb@x.io\n')).toBe(',');
  });
});

describe('detectNewline', () => {
  it('tells CRLF, LF and CR apart, ignoring newlines inside quotes', () => {
    expect(detectNewline('a,b\r\n1,2\r\n')).toBe('\r\n');
    expect(detectNewline('a,b\n1,"x\r\ny"\n3,4\n')).toBe('\n');
    expect(detectNewline('a,b\r1,2\r')).toBe('\r');
  });
});
