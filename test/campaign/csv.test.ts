import { describe, expect, it } from 'vitest';
import { CampaignFileError, type CampaignParams, parseRecipients } from '../../src/campaign/index.js';

const params: CampaignParams = { productToken: 'prod_abc', currency: 'DKK', valueMinor: 5000, templateId: 12 };
const parse = (text: string | Uint8Array) =>
  parseRecipients(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, 'q4-thanks', params);

function problemsOf(text: string | Uint8Array) {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CampaignFileError);
    return (error as CampaignFileError).problems;
  }
  throw new Error('the file was accepted');
}

describe('parseRecipients', () => {
  it('reads a clean file with a BOM, derives stable RefIDs and takes per-row values', () => {
    const rows = parse(
      '\uFEFFname,email,phone,value\nAda,Ada@Example.com ,,\nAlan,alan@example.com,+4512345678,75.50\n',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ line: 2, valueMinor: 5000, recipient: { name: 'Ada', email: 'Ada@Example.com' } });
    expect(rows[1]).toMatchObject({ line: 3, valueMinor: 7550, recipient: { phone: '+4512345678' } });
    expect(rows[0]?.refId).toMatch(/^q4-thanks-[0-9a-f]{16}$/);
    // Normalised: case and spacing of the email do not change the key.
    expect(parse('name,email\nAda,ada@example.com\n')[0]?.refId).toBe(rows[0]?.refId);
  });

  it('uses the refId column as the key when given', () => {
    const rows = parse('name,email,refId\nAda,ada@example.com,emp-001\n');
    expect(rows[0]?.refId).toBe('q4-thanks-emp-001');
  });

  it('lists every bad row with its line number', () => {
    const problems = problemsOf(
      [
        'name,email,phone,value',
        'Ada,ada@example.com,,',
        'No Mail,,+4512345678,', // missing email
        'Bad Value,bv@example.com,,fifty', // not a number
        'Fraction,fr@example.com,,50.255', // more decimals than DKK has
        'Dup,ADA@example.com,,', // same key as line 2
        'Short,short@example.com', // wrong column count
        'Bad Mail,not-an-email,,',
        'Zero,zero@example.com,,0',
      ].join('\n'),
    );
    const lines = problems.map((p) => p.line);
    expect(lines).toEqual(expect.arrayContaining([3, 4, 5, 6, 7, 8, 9]));
    expect(lines).not.toContain(2);
    const text = (line: number) =>
      problems
        .filter((p) => p.line === line)
        .map((p) => p.message)
        .join(' ');
    expect(text(3)).toMatch(/email is missing/);
    expect(text(4)).toMatch(/value/);
    expect(text(5)).toMatch(/decimal places/);
    expect(text(6)).toBe('duplicate recipient ADA@example.com (first on line 2)');
    expect(text(8)).toMatch(/email/);
    expect(text(9)).toMatch(/value/);
  });

  it('refuses a duplicate refId column value', () => {
    const problems = problemsOf('name,email,refId\nA,a@example.com,k1\nB,b@example.com,k1\n');
    expect(problems).toEqual([{ line: 3, message: expect.stringMatching(/duplicate refId "k1"/) }]);
  });

  it('refuses a file that is not UTF-8 and says where', () => {
    const latin1 = Buffer.from('name,email\nSøren,soren@example.com\n', 'latin1');
    expect(problemsOf(latin1)).toEqual([{ line: 2, message: expect.stringMatching(/not valid UTF-8/) }]);
  });

  it.each([
    ['an empty file', '', /empty/],
    ['a blank file', '\n \n', /empty/],
    ['a header without rows', 'name,email,phone\n', /no rows/],
  ])('refuses %s', (_what, text, message) => {
    expect(problemsOf(text)).toEqual([{ line: null, message: expect.stringMatching(message) }]);
  });

  it('refuses unknown and missing columns', () => {
    const problems = problemsOf('name,mail,colour\nAda,ada@example.com,red\n');
    expect(problems.map((p) => p.message).join(' ')).toMatch(/unknown column.*"mail".*"colour"/);
    expect(problems.map((p) => p.message).join(' ')).toMatch(/neither an email nor a phone column/);
  });

  it('needs a value per row when the campaign has none', () => {
    const rows = () =>
      parseRecipients(Buffer.from('name,email,value\nA,a@example.com,\nB,b@example.com,10\n'), 'c', {
        ...params,
        valueMinor: undefined,
      });
    expect(rows).toThrow(/line 2: value is missing/);
  });
});

describe('parseRecipients: files as spreadsheets export them', () => {
  const comma = parse('name,email,value\nAda,ada@example.com,50\nAlan,alan@example.com,"75.50"\n');

  it.each([
    ['semicolons', 'name;email;value\nAda;ada@example.com;50\nAlan;alan@example.com;"75.50"\n'],
    ['tabs', 'name\temail\tvalue\nAda\tada@example.com\t50\nAlan\talan@example.com\t75.50\n'],
    ['an E-mail header', 'Name,E-mail,Value\nAda,ada@example.com,50\nAlan,alan@example.com,75.50\n'],
    [
      'Email and NAME headers with semicolons',
      'NAME;Email;value\r\nAda;ada@example.com;50\r\nAlan;alan@example.com;75.50\r\n',
    ],
    [
      '"Email address" and "Phone number"',
      'Name,Email address,Phone number,Amount\nAda,ada@example.com,,50\nAlan,alan@example.com,,75.50\n',
    ],
  ])('reads %s like the comma file', (_what, text) => {
    const rows = parse(text);
    expect(rows.map((r) => [r.refId, r.recipient.email, r.valueMinor])).toEqual(
      comma.map((r) => [r.refId, r.recipient.email, r.valueMinor]),
    );
  });

  it('keeps a comma inside a semicolon file as part of the field', () => {
    const rows = parse('name;email\nSmith, John;john@example.com\n');
    expect(rows[0]?.recipient.name).toBe('Smith, John');
  });

  it('names the email of a duplicate in a semicolon file, never the hash', () => {
    const problems = problemsOf('name;email\nAda;ada@example.com\nAda again;ADA@example.com\n');
    expect(problems).toEqual([{ line: 3, message: 'duplicate recipient ADA@example.com (first on line 2)' }]);
    expect(problems[0]?.message).not.toMatch(/[0-9a-f]{16}/);
  });
});
