import { clientFamily } from '../../src/classify/clients';

describe('clientFamily', () => {
  it('names the family of each kind of ClientInfoString, whatever its case', () => {
    expect(clientFamily('ConnectorWorkProvider')).toBe('connector');
    expect(clientFamily('Client=OutlookService;Outlook-iOS/2.0;')).toBe('outlook-mobile');
    expect(clientFamily('client=owa;Mozilla/5.0 (Windows NT 10.0) OneOutlook/1.2026.1014.300')).toBe('new-outlook');
    expect(clientFamily('Client=OWA;Action=ViaProxy')).toBe('owa');
    expect(clientFamily('Client=REST;Client=RESTSystem;;')).toBe('rest-system');
    expect(clientFamily('Client=REST;Client=REST;;')).toBe('rest');
    expect(clientFamily('Something else')).toBe('other');
    expect(clientFamily('')).toBe('none');
    expect(clientFamily(null)).toBe('none');
  });

  it('gives the same answer the second time, from a different string object of the same text', () => {
    const first = ['Client=', 'WebServices;eM Client/10.1'].join('');
    const again = ['Client=Web', 'Services;eM Client/10.1'].join('');
    expect(clientFamily(first)).toBe('ews');
    expect(clientFamily(again)).toBe('ews');
  });

  it('stays right when many distinct strings share one length, past what it remembers', () => {
    // 200 strings of one length alternate between two families; each must keep its own answer.
    const strings = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? `Client=OWA;build-${String(i).padStart(4, '0')}` : `Client=REST;buil-${String(i).padStart(4, '0')}`,
    );
    expect(new Set(strings.map((s) => s.length)).size).toBe(1);
    for (let round = 0; round < 2; round += 1) {
      strings.forEach((s, i) => expect(clientFamily(s)).toBe(i % 2 === 0 ? 'owa' : 'rest'));
    }
  });
});
