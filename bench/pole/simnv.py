#!/usr/bin/env python3
"""Independent re-simulation of a double-pole-nv record: python3 simnv.py RESULTS.jsonl [INDEX].

Decodes the record's best theta and runs the same RK4 cart (NEAT constants) and net from
theta1 = 0.07 for up to 100,000 actions, printing the state every 500 actions and at the failure.
|theta| = 25: network=elman (l0.w 3x3, l0.u 3x3, l0.b 3, l1.w 1x3, l1.b 1). |theta| = 32: the
default fully recurrent net (l0.w 4x3, l0.u 4x4, l0.b 4; unit 3 is the output, o = (1 + y)/2).
A cross-check of the Java task, not product."""
import json,base64,struct,math,sys
r=[json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2]) if len(sys.argv)>2 else 0]
th=struct.unpack('<%dd'%r['theta_count'],base64.b64decode(r['best']['theta']))
FR=len(th)==32
if FR:
    W=[th[3*u:3*u+3] for u in range(4)]; U=[th[12+4*u:16+4*u] for u in range(4)]; b=th[28:32]
    print('W',W,'U',U,'b',b)
else:
    W=[th[0:3],th[3:6],th[6:9]]; U=[th[9:12],th[12:15],th[15:18]]; b=th[18:21]; V=th[21:24]; c=th[24]
    print('W',W,'U',U,'b',b,'V',V,'c',c)
N=4 if FR else 3
G=-9.8;MC=1.0;M1=0.1;L1=0.5;M2=0.01;L2=0.05;MU=0.000002;TAU=0.01
def deriv(F,s):
    d=[0]*6
    c1=math.cos(s[2]);g1=G*math.sin(s[2]);ml1=L1*M1;f1=MU*s[3]/ml1
    fi1=ml1*s[3]*s[3]*math.sin(s[2])+0.75*M1*c1*(f1+g1);mi1=M1*(1-0.75*c1*c1)
    c2=math.cos(s[4]);g2=G*math.sin(s[4]);ml2=L2*M2;f2=MU*s[5]/ml2
    fi2=ml2*s[5]*s[5]*math.sin(s[4])+0.75*M2*c2*(f2+g2);mi2=M2*(1-0.75*c2*c2)
    d[1]=(F+fi1+fi2)/(mi1+mi2+MC)
    d[3]=-0.75*(d[1]*c1+g1+f1)/L1
    d[5]=-0.75*(d[1]*c2+g2+f2)/L2
    d[0]=s[1];d[2]=s[3];d[4]=s[5]
    return d
def rk4(F,y):
    k1=deriv(F,y); yt=[y[i]+TAU/2*k1[i] for i in range(6)]
    k2=deriv(F,yt); yt=[y[i]+TAU/2*k2[i] for i in range(6)]
    k3=deriv(F,yt); yt=[y[i]+TAU*k3[i] for i in range(6)]
    k4=deriv(F,yt)
    return [y[i]+TAU/6*(k1[i]+2*k2[i]+2*k3[i]+k4[i]) for i in range(6)]
s=[0,0,0.07,0,0,0]; h=[0]*N
for t in range(100000):
    inp=[s[0]/4.8,s[2]/0.52,s[4]/0.52]
    h=[math.tanh(sum(W[u][i]*inp[i] for i in range(3))+sum(U[u][j]*h[j] for j in range(N))+b[u]) for u in range(N)]
    o=0.5*(1+h[3]) if FR else 1/(1+math.exp(-(sum(V[j]*h[j] for j in range(3))+c)))
    F=(min(max(o,0),1)-0.5)*20
    s=rk4(F,s); s=rk4(F,s)
    if t%500==0 or abs(s[0])>2.4 or abs(s[2])>0.628329 or abs(s[4])>0.628329:
        print(t+1,['%.4f'%v for v in s],'o=%.3f'%o,'h',['%.3f'%v for v in h])
    if abs(s[0])>2.4 or abs(s[2])>0.628329 or abs(s[4])>0.628329: break
